using Examine;
using Examine.Lucene;
using Mahse.Survey.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Infrastructure.Examine;
using Umbraco.Extensions;

namespace Mahse.Survey.Search;

/// <summary>
/// Registers SurveyIndex with Umbraco's Examine as Umbraco registers its own indexes (a Lucene index in Umbraco's
/// configured index folder, named options for its analyzer and fields), its populator for rebuilds, the handlers that
/// keep it current, and <see cref="ISurveySearch"/>.
/// </summary>
[ComposeAfter(typeof(AddExamineComposer))]
public sealed class SurveySearchComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddExamineLuceneIndex<SurveyIndex, ConfigurationEnabledDirectoryFactory>(SurveyIndex.IndexName);
        builder.Services.AddSingleton<IConfigureOptions<LuceneDirectoryIndexOptions>, ConfigureSurveyIndexOptions>();
        builder.Services.AddSingleton<SurveyIndexWriter>();
        builder.Services.AddSingleton<IIndexPopulator, SurveyIndexPopulator>();
        builder.Services.AddSingleton<ISurveySearch, SurveySearch>();
        builder.AddNotificationAsyncHandler<SurveyImportedNotification, SurveyImportedIndexHandler>();
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartedNotification, SurveyIndexStartupCheck>();
    }
}
