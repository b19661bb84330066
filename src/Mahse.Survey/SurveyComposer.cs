using Mahse.Survey.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Survey;

/// <summary>Registers the R&amp;I survey (decision 0009). Its tables come from <see cref="MahseSurveyMigrationPlan"/>, which Umbraco finds by type.</summary>
public sealed class SurveyComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SurveyStore>();
    }
}
