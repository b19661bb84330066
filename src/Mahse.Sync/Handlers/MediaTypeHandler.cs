using Umbraco.Cms.Core;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Sync.Handlers;

/// <summary>Media types (<c>MediaTypes/</c>).</summary>
public sealed class MediaTypeHandler(
    IMediaTypeService types,
    IMediaTypeContainerService containers,
    IDataTypeService dataTypes,
    IShortStringHelper shortStrings,
    UsyncNames names)
    : ContentTypeHandlerBase<IMediaType>(types, containers, dataTypes, shortStrings, names)
{
    public override string Name => "MediaTypeHandler";

    public override string ItemType => "MediaType";

    public override int WriteLock => Constants.Locks.MediaTypes;

    public override int Priority => 1040;

    protected override bool StructureFirst => false;

    protected override IMediaType Create(int parentId) => new MediaType(ShortStrings, parentId);

    protected override void SerializePropertyExtras(IMediaType type, IPropertyType property, XElement element)
    {
    }

    protected override void ApplyPropertyExtras(IMediaType type, IPropertyType property, XElement element)
    {
    }
}
