using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Forms.Storage;

/// <summary>The storage layer's own services beside the stores (FormsComposer registers the stores).</summary>
public sealed class FormsStorageComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) => builder.Services.TryAddSingleton<FormsWriteGate>();
}
