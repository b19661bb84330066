using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Media items (<c>Media/</c>) on <see cref="IMediaService"/>. As in uSync, the files carry the items and their
/// values (the file's path in <c>umbracoFile</c>), not the binaries: the media folder travels separately.
/// </summary>
public sealed class MediaHandler(
    IMediaService media,
    IMediaTypeService mediaTypes,
    IEntityService entities,
    UsyncNames names) : ContentItemHandlerBase<IMedia>(entities, names)
{
    public override string Name => "MediaHandler";

    public override string ItemType => "Media";

    public override int WriteLock => Constants.Locks.MediaTree;

    public override int Priority => 1200;

    protected override UmbracoObjectTypes ObjectType => UmbracoObjectTypes.Media;

    protected override IMedia? Get(Guid key) => media.GetById(key);

    protected override IMedia? Get(int id) => media.GetById(id);

    protected override IContentTypeComposition? FindType(string alias) => mediaTypes.Get(alias);

    protected override IMedia Create(string name, int parentId, IContentTypeComposition type) => media.CreateMedia(name, parentId, type.Alias);

    protected override Task<string?> SaveAsync(IMedia item, XElement info, List<string> warnings)
    {
        var saved = media.Save(item);
        return Task.FromResult(saved.Success ? null : $"Could not save: {saved.Result?.Result}.");
    }

    protected override string? Move(IMedia item, int parentId)
    {
        var moved = media.Move(item, parentId);
        return moved.Success ? null : $"Could not move it under {parentId}: {moved.Result?.Result}.";
    }

    protected override string? Trash(IMedia item)
    {
        var trashed = media.MoveToRecycleBin(item);
        return trashed.Success ? null : $"Could not move it to the recycle bin: {trashed.Result?.Result}.";
    }

    protected override IEnumerable<IMedia> DescendantsPage(long page, int pageSize, out long total) =>
        media.GetPagedDescendants(Constants.System.Root, page, pageSize, out total);
}
