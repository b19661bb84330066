using Mahse.Survey.Centres;
using Mahse.Survey.Configuration;
using Mahse.Survey.Export;
using Mahse.Survey.Generation;
using Mahse.Survey.Import;
using Mahse.Survey.Storage;
using Mahse.Survey.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Survey;

/// <summary>
/// Registers the R&amp;I survey (decision 0009): settings checked at start, storage, import, export, the ranking, the
/// views and the first-boot seed. Its tables come from <see cref="MahseSurveyMigrationPlan"/>, which Umbraco finds by
/// type; the public endpoints from Http/SurveyPublicComposer; the staff API from Management/.
/// </summary>
public sealed class SurveyComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SurveyOptions>().Bind(builder.Config.GetSection(SurveyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurveyOptions>, SurveyOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SurveyStore>();
        services.AddSingleton<SurveyImporter>();
        services.AddSingleton<SurveyExport>();
        services.AddSingleton<CentresRanking>();
        services.AddSingleton<SurveyAggregates>();
        services.AddSingleton<SurveyResponses>();
        services.AddSingleton<SurveySearchView>();
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, SurveyFirstBootSeed>();
    }
}
