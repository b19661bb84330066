using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mahse.Cms.Tests.Infrastructure;

namespace Mahse.Cms.Tests;

public abstract class HostTests(PortalHost host)
{
    [SkippableFact]
    public async Task Health_reports_the_database_and_start_up_state()
    {
        host.SkipIfUnavailable();
        var response = await host.Anonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("canConnect").GetBoolean());
        Assert.Equal(host.Database is PostgresTestDatabase ? "PostgreSql" : "Sqlite", health.GetProperty("database").GetProperty("provider").GetString());
        Assert.NotEmpty(health.GetProperty("database").GetProperty("migrationsAppliedAtStartup").EnumerateArray());
        Assert.Equal("Run", health.GetProperty("startup").GetProperty("runtimeLevel").GetString());
        Assert.True(health.GetProperty("startup").GetProperty("firstBoot").GetBoolean());
    }

    [SkippableFact]
    public async Task The_management_api_openapi_document_lists_umbracos_paths()
    {
        host.SkipIfUnavailable();
        var document = await host.Anonymous().GetFromJsonAsync<JsonElement>("/umbraco/openapi/management.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        foreach (var expected in new[]
                 {
                     "/umbraco/management/api/v1/document", "/umbraco/management/api/v1/document/{id}",
                     "/umbraco/management/api/v1/document/{id}/publish", "/umbraco/management/api/v1/document-type/{id}",
                     "/umbraco/management/api/v1/data-type/{id}", "/umbraco/management/api/v1/media", "/umbraco/management/api/v1/temporary-file",
                     "/umbraco/management/api/v1/document-version", "/umbraco/management/api/v1/recycle-bin/document/{id}/restore",
                 })
        {
            Assert.Contains(expected, paths);
        }

        Assert.DoesNotContain("/health", paths);
    }
}

public sealed class HostTestsOnSqlite(SqlitePortalHost host) : HostTests(host), IClassFixture<SqlitePortalHost>;

[Trait("Database", "PostgreSQL")]
public sealed class HostTestsOnPostgres(PostgresPortalHost host) : HostTests(host), IClassFixture<PostgresPortalHost>;
