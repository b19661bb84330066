using Umbraco.Cms.Core.Packaging;
using Umbraco.Cms.Infrastructure.Migrations;

namespace Mahse.Forms.Storage;

/// <summary>
/// The module's tables, as an Umbraco package migration: Umbraco runs it at start (unattended package migrations are
/// on by default) and records its state in umbracoKeyValue, so each step runs once per database.
/// </summary>
public sealed class MahseFormsMigrationPlan : PackageMigrationPlan
{
    public MahseFormsMigrationPlan()
        : base("Mahse.Forms")
    {
    }

    protected override void DefinePlan() => To<CreateFormsTables>("3c2f6f0e-0b9e-4b8e-9a51-6a1d1f6f2a01")
        .To<Management.UserGroups.GrantFormsSection>("8d5e2b7a-41c3-4f0e-b6a2-93c7d1e5f402");
}

/// <summary>Creates the forms tables and the module's row in umbracoLock (so its scopes can take a write lock first).</summary>
public sealed class CreateFormsTables(IMigrationContext context) : AsyncMigrationBase(context)
{
    protected override Task MigrateAsync()
    {
        CreateIfMissing<FormFolderRow>(FormFolderRow.TableName);
        CreateIfMissing<FormRow>(FormRow.TableName);
        CreateIfMissing<EntryRow>(EntryRow.TableName);
        CreateIfMissing<EntryAuditRow>(EntryAuditRow.TableName);
        CreateIfMissing<WorkflowRunRow>(WorkflowRunRow.TableName);
        CreateIfMissing<DraftRow>(DraftRow.TableName);
        CreateIfMissing<PreValueSourceRow>(PreValueSourceRow.TableName);

        if (Database.ExecuteScalar<int>("SELECT COUNT(*) FROM umbracoLock WHERE id = @0", FormsLocks.Forms) == 0)
        {
            Database.Execute("INSERT INTO umbracoLock (id, value, name) VALUES (@0, 1, @1)", FormsLocks.Forms, "MahseForms");
        }

        return Task.CompletedTask;
    }

    private void CreateIfMissing<TRow>(string table)
    {
        if (!TableExists(table))
        {
            Create.Table<TRow>().Do();
        }
    }
}

/// <summary>
/// The module's Umbraco lock. Every scope that writes forms tables takes it before it reads: on SQLite that makes the
/// transaction the writer at once (a deferred one that read first could never commit after another writer — see
/// decision 0012); on SQL Server it serialises form writes without touching Umbraco's own locks.
/// </summary>
public static class FormsLocks
{
    public const int Forms = -51301;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
}
