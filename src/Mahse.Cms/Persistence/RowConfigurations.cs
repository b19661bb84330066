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
