using Mahse.Forms.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Forms;

/// <summary>Registers the MAHSE Forms module (ours, compatible with Umbraco Forms' files and APIs; not Umbraco Forms).</summary>
public sealed class FormsComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FormStore>();
        builder.Services.AddSingleton<EntryStore>();
    }
}
