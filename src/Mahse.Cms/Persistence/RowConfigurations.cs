using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mahse.Cms.Persistence;

internal sealed class DataTypeRowConfiguration : IEntityTypeConfiguration<DataTypeRow>
{
    public void Configure(EntityTypeBuilder<DataTypeRow> b)
    {
        b.ToTable("mahseDataType");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.EditorAlias).HasMaxLength(255);
        b.Property(x => x.EditorUiAlias).HasMaxLength(255);
        b.Property(x => x.Folder).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ContentTypeRowConfiguration : IEntityTypeConfiguration<ContentTypeRow>
{
    public void Configure(EntityTypeBuilder<ContentTypeRow> b)
    {
        b.ToTable("mahseContentType");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        // Umbraco keeps one alias space across document, media and member types.
        b.HasIndex(x => x.Alias).IsUnique();
        b.Property(x => x.Alias).HasMaxLength(255);
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.Icon).HasMaxLength(255);
        b.Property(x => x.Folder).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

internal sealed class ContentNodeRowConfiguration : IEntityTypeConfiguration<ContentNodeRow>
{
    public void Configure(EntityTypeBuilder<ContentNodeRow> b)
    {
        b.ToTable("mahseContentNode");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => new { x.Kind, x.ParentId, x.SortOrder });
        b.HasIndex(x => x.ParentId);
        b.HasIndex(x => x.Path);
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.UrlSegment).HasMaxLength(255);
        b.Property(x => x.Path).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<ContentTypeRow>().WithMany().HasForeignKey(x => x.ContentTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ContentNodeRow>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContentVersionRowConfiguration : IEntityTypeConfiguration<ContentVersionRow>
{
    public void Configure(EntityTypeBuilder<ContentVersionRow> b)
    {
        b.ToTable("mahseContentVersion");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.NodeId);
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.UrlSegment).HasMaxLength(255);
        b.Property(x => x.CreatedBy).HasMaxLength(255);
        b.HasOne<ContentNodeRow>().WithMany().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TemplateRowConfiguration : IEntityTypeConfiguration<TemplateRow>
{
    public void Configure(EntityTypeBuilder<TemplateRow> b)
    {
        b.ToTable("mahseTemplate");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.Alias).IsUnique();
        b.Property(x => x.Alias).HasMaxLength(255);
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.MasterAlias).HasMaxLength(255);
    }
}

internal sealed class LanguageRowConfiguration : IEntityTypeConfiguration<LanguageRow>
{
    public void Configure(EntityTypeBuilder<LanguageRow> b)
    {
        b.ToTable("mahseLanguage");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.IsoCode).IsUnique();
        b.Property(x => x.IsoCode).HasMaxLength(32);
        b.Property(x => x.FallbackIsoCode).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(255);
    }
}

internal sealed class DictionaryItemRowConfiguration : IEntityTypeConfiguration<DictionaryItemRow>
{
    public void Configure(EntityTypeBuilder<DictionaryItemRow> b)
    {
        b.ToTable("mahseDictionaryItem");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.ItemKey).IsUnique();
        b.Property(x => x.ItemKey).HasMaxLength(1000);
        b.Property(x => x.ParentItemKey).HasMaxLength(1000);
    }
}

internal sealed class DomainRowConfiguration : IEntityTypeConfiguration<DomainRow>
{
    public void Configure(EntityTypeBuilder<DomainRow> b)
    {
        b.ToTable("mahseDomain");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.LanguageIsoCode).HasMaxLength(32);
    }
}

internal sealed class MemberGroupRowConfiguration : IEntityTypeConfiguration<MemberGroupRow>
{
    public void Configure(EntityTypeBuilder<MemberGroupRow> b)
    {
        b.ToTable("mahseMemberGroup");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Name).HasMaxLength(255);
    }
}

internal sealed class PublicAccessRowConfiguration : IEntityTypeConfiguration<PublicAccessRow>
{
    public void Configure(EntityTypeBuilder<PublicAccessRow> b)
    {
        b.ToTable("mahsePublicAccess");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.NodeKey).IsUnique();
    }
}

internal sealed class SyncStateRowConfiguration : IEntityTypeConfiguration<SyncStateRow>
{
    public void Configure(EntityTypeBuilder<SyncStateRow> b)
    {
        b.ToTable("mahseSyncState");
        b.HasKey(x => new { x.ItemType, x.Key });
        b.Property(x => x.ItemType).HasMaxLength(64);
        b.Property(x => x.FileHash).HasMaxLength(64);
        b.Property(x => x.StateHash).HasMaxLength(64);
    }
}

internal sealed class TemporaryFileRowConfiguration : IEntityTypeConfiguration<TemporaryFileRow>
{
    public void Configure(EntityTypeBuilder<TemporaryFileRow> b)
    {
        b.ToTable("mahseTemporaryFile");
        b.HasKey(x => x.Key);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(255);
        b.Property(x => x.StoragePath).HasMaxLength(1000);
    }
}

internal sealed class BackOfficeUserRowConfiguration : IEntityTypeConfiguration<BackOfficeUserRow>
{
    public void Configure(EntityTypeBuilder<BackOfficeUserRow> b)
    {
        b.ToTable("mahseUser");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.UserName).IsUnique();
        b.HasIndex(x => x.Email).IsUnique();
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.Email).HasMaxLength(255);
        b.Property(x => x.UserName).HasMaxLength(255);
        b.Property(x => x.UserGroup).HasMaxLength(64);
    }
}

internal sealed class StartupStateRowConfiguration : IEntityTypeConfiguration<StartupStateRow>
{
    public void Configure(EntityTypeBuilder<StartupStateRow> b)
    {
        b.ToTable("mahseKeyValue");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(255);
    }
}

internal sealed class RedirectUrlRowConfiguration : IEntityTypeConfiguration<RedirectUrlRow>
{
    public void Configure(EntityTypeBuilder<RedirectUrlRow> b)
    {
        b.ToTable("mahseRedirectUrl");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => new { x.Url, x.CreateDate });
        b.HasIndex(x => x.ContentKey);
        b.Property(x => x.Url).HasMaxLength(1000);
        b.Property(x => x.Culture).HasMaxLength(20);
    }
}

internal sealed class MemberRowConfiguration : IEntityTypeConfiguration<MemberRow>
{
    public void Configure(EntityTypeBuilder<MemberRow> b)
    {
        b.ToTable("mahseMember");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.NormalizedEmail).IsUnique();
        b.Property(x => x.Email).HasMaxLength(320);
        b.Property(x => x.NormalizedEmail).HasMaxLength(320);
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.SecurityStamp).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<ContentTypeRow>().WithMany().HasForeignKey(x => x.MemberTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberGroupMemberRowConfiguration : IEntityTypeConfiguration<MemberGroupMemberRow>
{
    public void Configure(EntityTypeBuilder<MemberGroupMemberRow> b)
    {
        b.ToTable("mahseMember2MemberGroup");
        b.HasKey(x => new { x.MemberId, x.MemberGroupId });
        b.HasIndex(x => x.MemberGroupId);
        b.HasOne<MemberRow>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MemberGroupRow>().WithMany().HasForeignKey(x => x.MemberGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FormRowConfiguration : IEntityTypeConfiguration<FormRow>
{
    public void Configure(EntityTypeBuilder<FormRow> b)
    {
        b.ToTable("mahseForm");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).HasMaxLength(255);
    }
}

internal sealed class FormEntryRowConfiguration : IEntityTypeConfiguration<FormEntryRow>
{
    public void Configure(EntityTypeBuilder<FormEntryRow> b)
    {
        b.ToTable("mahseFormEntry");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => new { x.FormKey, x.State, x.CreateDate });
        b.Property(x => x.State).HasMaxLength(50);
        b.Property(x => x.Culture).HasMaxLength(84);
    }
}

internal sealed class FormEntryAuditRowConfiguration : IEntityTypeConfiguration<FormEntryAuditRow>
{
    public void Configure(EntityTypeBuilder<FormEntryAuditRow> b)
    {
        b.ToTable("mahseFormEntryAudit");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.EntryId);
        b.Property(x => x.State).HasMaxLength(50);
        b.Property(x => x.By).HasMaxLength(255);
        b.HasOne<FormEntryRow>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FormWorkflowRunRowConfiguration : IEntityTypeConfiguration<FormWorkflowRunRow>
{
    public void Configure(EntityTypeBuilder<FormWorkflowRunRow> b)
    {
        b.ToTable("mahseFormWorkflowRun");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
        b.HasIndex(x => x.EntryKey);
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.Stage).HasMaxLength(20);
        b.Property(x => x.WorkflowName).HasMaxLength(255);
    }
}

internal sealed class FormDraftRowConfiguration : IEntityTypeConfiguration<FormDraftRow>
{
    public void Configure(EntityTypeBuilder<FormDraftRow> b)
    {
        b.ToTable("mahseFormDraft");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.ExpiresAt);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.Email).HasMaxLength(320);
    }
}

internal sealed class FormPreValueSourceRowConfiguration : IEntityTypeConfiguration<FormPreValueSourceRow>
{
    public void Configure(EntityTypeBuilder<FormPreValueSourceRow> b)
    {
        b.ToTable("mahseFormPreValueSource");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Name).HasMaxLength(255);
    }
}

internal sealed class SurveyOrganisationRowConfiguration : IEntityTypeConfiguration<SurveyOrganisationRow>
{
    public void Configure(EntityTypeBuilder<SurveyOrganisationRow> b)
    {
        b.ToTable("mahseSurveyOrganisation");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Name).HasMaxLength(255);
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.SubRegion).HasMaxLength(100);
    }
}

internal sealed class SurveyResponseRowConfiguration : IEntityTypeConfiguration<SurveyResponseRow>
{
    public void Configure(EntityTypeBuilder<SurveyResponseRow> b)
    {
        b.ToTable("mahseSurveyResponse");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => x.RespondentId).IsUnique();
        // Covers the centres-of-excellence ranking, so it groups from the index alone instead of visiting every row.
        b.HasIndex(x => new
        {
            x.OrganisationId, x.Site, x.Division, x.ChampionWilling, x.AuditCount, x.ServiceImprovementCount, x.ResearchCount, x.InnovationCount,
            x.PublicationCount, x.GrantCount,
        }).HasDatabaseName("IX_mahseSurveyResponse_Ranking");
        b.Property(x => x.RespondentId).HasMaxLength(100);
        b.Property(x => x.SubRegion).HasMaxLength(100);
        b.Property(x => x.Division).HasMaxLength(100);
        b.Property(x => x.Specialism).HasMaxLength(150);
        b.Property(x => x.CareerStage).HasMaxLength(100);
        b.Property(x => x.Band).HasMaxLength(20);
        b.Property(x => x.Barriers).HasMaxLength(500);
        b.Property(x => x.TrainingNeeds).HasMaxLength(1000);
        b.Property(x => x.ContactName).HasMaxLength(255);
        b.Property(x => x.ContactEmail).HasMaxLength(320);
        b.HasOne<SurveyOrganisationRow>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
