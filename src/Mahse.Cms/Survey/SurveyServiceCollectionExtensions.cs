using Mahse.Cms.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Survey;

public static class SurveyServiceCollectionExtensions
{
    /// <summary>The R&amp;I survey database: storage, import, the synthetic generator and the first-boot demo data.</summary>
    public static IServiceCollection AddSurvey(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection("Mahse:Survey")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurveyOptions>, SurveyOptionsValidator>();
        services.AddSingleton<SurveyStore>();
        services.AddSingleton<SurveyImporter>();
        services.AddSingleton<SurveyQueries>();
        services.AddSingleton<IStartupTask>(sp => new SurveyDemoSeed(
            sp.GetRequiredService<SurveyStore>(), configuration.GetValue("Mahse:Survey:SeedOnFirstBoot", 0), sp.GetRequiredService<ILogger<SurveyDemoSeed>>()));
        return services;
    }
}

/// <summary>The demo site's first boot loads generated responses (<c>Mahse:Survey:SeedOnFirstBoot</c>, 1,000 in appsettings.json), marked synthetic.</summary>
public sealed class SurveyDemoSeed(SurveyStore store, int count, ILogger<SurveyDemoSeed> logger) : IStartupTask
{
    public const int Seed = 2026;

    public async Task RunAsync(bool firstBoot, CancellationToken cancellationToken)
    {
        if (!firstBoot || count <= 0)
        {
            return;
        }

        foreach (var batch in SurveyGenerator.Generate(count, Seed).Chunk(1000))
        {
            await store.SaveAsync(batch, cancellationToken);
        }

        logger.LogInformation("Loaded {Count} synthetic survey responses for the demo (seed {Seed})", count, Seed);
    }
}

/// <summary>Checks the centres weights at start-up and says which are wrong.</summary>
internal sealed class SurveyOptionsValidator : IValidateOptions<SurveyOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyOptions options) => SurveyOptions.Validate(options);
}
