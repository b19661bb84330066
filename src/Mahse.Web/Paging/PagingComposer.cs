using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Web.Paging;

/// <summary>Refuses negative paging values with a 400 before they reach Umbraco's queries.</summary>
public sealed class PagingComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) =>
        builder.Services.Configure<MvcOptions>(options => options.Filters.Add<NegativePagingFilter>());
}
