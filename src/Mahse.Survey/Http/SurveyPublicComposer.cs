using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Web.Common.ApplicationBuilder;

namespace Mahse.Survey.Http;

/// <summary>
/// Maps the public survey endpoints into Umbraco's own endpoint routing through a pipeline filter (as the Forms API
/// is), so they answer beside Umbraco's APIs and are kept out of content routing.
/// </summary>
public sealed class SurveyPublicComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) =>
        builder.Services.Configure<UmbracoPipelineOptions>(options => options.AddFilter(new UmbracoPipelineFilter("MahseSurveyPublic")
        {
            PreMapEndpoints = endpoints => endpoints.MapSurveyPublicApi(),
        }));
}
