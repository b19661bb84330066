using System.Text.Json.Nodes;
using Mahse.Cms.Persistence;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Schema;

/// <summary>
/// A data type: an editor alias, the backoffice UI alias and the editor's configuration.
/// Stands in for Umbraco's <c>DataType</c>, whose constructor needs a live <c>IDataEditor</c> from Umbraco's runtime.
/// </summary>
public sealed record DataTypeDefinition(
    Guid Key,
    string Name,
    string EditorAlias,
    string? EditorUiAlias,
    JsonObject Configuration,
    string? Folder = null,
    int Version = 0,
    DateTime CreateDate = default,
    DateTime UpdateDate = default,
    ContentTypePresentation? Presentation = null);

public enum ContainerType
{
    Tab,
    Group,
}

/// <summary>A tab or group. <paramref name="Alias"/> is its own alias (not the "tab/group" path); derived from the name when absent.</summary>
public sealed record ContainerDefinition(Guid Key, Guid? ParentKey, string? Name, ContainerType Type, int SortOrder, string? Alias = null);

public sealed record PropertyTypeDefinition(
    Guid Key,
    Guid? ContainerKey,
    string Alias,
    string Name,
    Guid DataTypeKey,
    string? Description = null,
    bool Mandatory = false,
    string? MandatoryMessage = null,
    string? RegEx = null,
    string? RegExMessage = null,
    int SortOrder = 0,
    bool LabelOnTop = false,
    ContentVariation Variations = ContentVariation.Nothing,
    bool MemberCanEdit = false,
    bool MemberCanView = false,
    bool IsSensitive = false);

public sealed record AllowedChildDefinition(Guid Key, int SortOrder);

public sealed record TemplateReference(Guid Key, string Alias);

/// <summary>Umbraco's per-type history clean-up settings (empty numbers inherit the global ones).</summary>
public sealed record HistoryCleanupSettings(bool PreventCleanup = false, int? KeepAllVersionsNewerThanDays = null, int? KeepLatestVersionPerDayForDays = null);

/// <summary>
/// What Umbraco keeps on a type that this headless runtime does not act on — templates, list view, thumbnail,
/// history clean-up — kept so that uSync files and the Management API round-trip them unchanged.
/// </summary>
public sealed record ContentTypePresentation(
    string? Thumbnail = "folder.png",
    Guid ListView = default,
    HistoryCleanupSettings? HistoryCleanup = null,
    string? DefaultTemplate = null,
    IReadOnlyList<TemplateReference>? AllowedTemplates = null);

/// <summary>
/// The whole definition of a document, media or member type as this project stores and edits it; mapped to
/// Umbraco's <see cref="IContentTypeComposition"/> by <see cref="UmbracoContentTypeFactory"/> wherever Umbraco's
/// model does the work (compositions, property resolution).
/// </summary>
public sealed record ContentTypeDefinition(
    Guid Key,
    ContentTypeKind Kind,
    string Alias,
    string Name,
    IReadOnlyList<ContainerDefinition> Containers,
    IReadOnlyList<PropertyTypeDefinition> Properties,
    IReadOnlyList<Guid> Compositions,
    IReadOnlyList<AllowedChildDefinition> AllowedChildren,
    string? Icon = null,
    string? Description = null,
    bool AllowedAtRoot = false,
    bool IsElement = false,
    ContentVariation Variations = ContentVariation.Nothing,
    string? Folder = null,
    int Version = 0,
    DateTime CreateDate = default,
    DateTime UpdateDate = default,
    ContentTypePresentation? Presentation = null);
