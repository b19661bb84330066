using Umbraco.Cms.Core.Packaging;
using Umbraco.Cms.Infrastructure.Migrations;

namespace Mahse.Survey.Storage;

/// <summary>
/// The survey's tables, as an Umbraco package migration: Umbraco runs it at start (unattended package migrations are on
/// by default) and records its state in umbracoKeyValue, so each step runs once per database.
/// </summary>
public sealed class MahseSurveyMigrationPlan : PackageMigrationPlan
{
    public const string Package = "Mahse.Survey";

    public MahseSurveyMigrationPlan()
        : base(Package)
    {
    }

    protected override void DefinePlan() => To<CreateSurveyTables>("6b0d3c55-2f4e-4a51-9d0b-5c2e7a1f9e01")
        .To<Management.UserGroups.GrantSurveySection>("c3f1a9d2-7e4b-4b8a-a5d6-0e2f9b7c1d03");
}

/// <summary>
/// Creates the organisation and response tables (the response table with its unique respondent id and the covering
/// ranking index, both declared on <see cref="SurveyResponseRow"/>) and the survey's row in umbracoLock.
/// </summary>
public sealed class CreateSurveyTables(IMigrationContext context) : AsyncMigrationBase(context)
{
    protected override Task MigrateAsync()
    {
        // Organisations first: responses hold a foreign key to them.
        if (!TableExists(SurveyOrganisationRow.TableName))
        {
            Create.Table<SurveyOrganisationRow>().Do();
        }

        if (!TableExists(SurveyResponseRow.TableName))
        {
            Create.Table<SurveyResponseRow>().Do();
        }

        if (Database.ExecuteScalar<int>("SELECT COUNT(*) FROM umbracoLock WHERE id = @0", SurveyLocks.Survey) == 0)
        {
            Database.Execute("INSERT INTO umbracoLock (id, value, name) VALUES (@0, 1, @1)", SurveyLocks.Survey, "MahseSurvey");
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The survey's Umbraco lock. Every scope that writes survey tables takes it before it reads: on SQLite that makes the
/// transaction the writer at once (a deferred one that read first could not commit after another writer, decision
/// 0012); on SQL Server it serialises survey imports without touching Umbraco's or the Forms module's locks.
/// </summary>
public static class SurveyLocks
{
    public const int Survey = -51401;

    /// <summary>An import of 100,000 rows holds the lock for its whole transaction; a second import waits this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
}
