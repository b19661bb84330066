using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Persistence;

/// <summary>
/// The one EF Core context. Each database provider has a derived context of its own
/// (<see cref="SqliteCmsDbContext"/>, <see cref="NpgsqlCmsDbContext"/>) so that each keeps its own migrations.
/// </summary>
public abstract class CmsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DataTypeRow> DataTypes => Set<DataTypeRow>();
    public DbSet<ContentTypeRow> ContentTypes => Set<ContentTypeRow>();
    public DbSet<ContentNodeRow> ContentNodes => Set<ContentNodeRow>();
    public DbSet<ContentVersionRow> ContentVersions => Set<ContentVersionRow>();
    public DbSet<TemporaryFileRow> TemporaryFiles => Set<TemporaryFileRow>();
    public DbSet<TemplateRow> Templates => Set<TemplateRow>();
    public DbSet<LanguageRow> Languages => Set<LanguageRow>();
    public DbSet<DictionaryItemRow> DictionaryItems => Set<DictionaryItemRow>();
    public DbSet<DomainRow> Domains => Set<DomainRow>();
    public DbSet<MemberGroupRow> MemberGroups => Set<MemberGroupRow>();
    public DbSet<PublicAccessRow> PublicAccess => Set<PublicAccessRow>();
    public DbSet<RedirectUrlRow> RedirectUrls => Set<RedirectUrlRow>();
    public DbSet<MemberRow> Members => Set<MemberRow>();
    public DbSet<MemberGroupMemberRow> MemberGroupMembers => Set<MemberGroupMemberRow>();
    public DbSet<FormRow> Forms => Set<FormRow>();
    public DbSet<FormEntryRow> FormEntries => Set<FormEntryRow>();
    public DbSet<FormEntryAuditRow> FormEntryAudit => Set<FormEntryAuditRow>();
    public DbSet<FormWorkflowRunRow> FormWorkflowRuns => Set<FormWorkflowRunRow>();
    public DbSet<FormDraftRow> FormDrafts => Set<FormDraftRow>();
    public DbSet<FormPreValueSourceRow> FormPreValueSources => Set<FormPreValueSourceRow>();
    public DbSet<SurveyOrganisationRow> SurveyOrganisations => Set<SurveyOrganisationRow>();
    public DbSet<SurveyResponseRow> SurveyResponses => Set<SurveyResponseRow>();
    public DbSet<SyncStateRow> SyncState => Set<SyncStateRow>();
    public DbSet<BackOfficeUserRow> Users => Set<BackOfficeUserRow>();
    public DbSet<StartupStateRow> StartupState => Set<StartupStateRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CmsDbContext).Assembly, t => t.Namespace == typeof(CmsDbContext).Namespace);
        modelBuilder.UseOpenIddict();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every date is UTC; SQLite hands back unspecified kinds, PostgreSQL refuses them.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteCmsDbContext(DbContextOptions<SqliteCmsDbContext> options) : CmsDbContext(options);

public sealed class NpgsqlCmsDbContext(DbContextOptions<NpgsqlCmsDbContext> options) : CmsDbContext(options);
