using System.Text.Json.Nodes;
using Mahse.Cms.Management;

namespace Mahse.Cms.Schema.Http;

// Umbraco 17 Management API shapes for data types and document, media and member types.

public sealed record DataTypePropertyModel(string Alias, JsonNode? Value);

public sealed record DataTypeRequestModel(
    Guid? Id,
    string? Name,
    string? EditorAlias,
    string? EditorUiAlias,
    IReadOnlyList<DataTypePropertyModel>? Values,
    ReferenceByIdModel? Parent = null);

public sealed record DataTypeResponseModel(
    Guid Id,
    string Name,
    string EditorAlias,
    string? EditorUiAlias,
    IReadOnlyList<DataTypePropertyModel> Values,
    bool IsDeletable,
    bool CanIgnoreStartNodes);

public sealed record PropertyTypeValidationModel(bool Mandatory, string? MandatoryMessage, string? RegEx, string? RegExMessage);

public sealed record PropertyTypeAppearanceModel(bool LabelOnTop);

public sealed record PropertyTypeModel(
    Guid? Id,
    ReferenceByIdModel? Container,
    int SortOrder,
    string? Alias,
    string? Name,
    string? Description,
    ReferenceByIdModel? DataType,
    bool VariesByCulture,
    bool VariesBySegment,
    PropertyTypeValidationModel? Validation,
    PropertyTypeAppearanceModel? Appearance);

public sealed record PropertyContainerModel(Guid Id, ReferenceByIdModel? Parent, string? Name, string? Type, int SortOrder);

public sealed record AllowedTypeModel(ReferenceByIdModel? DocumentType, ReferenceByIdModel? MediaType, ReferenceByIdModel? MemberType, int SortOrder);

public sealed record CompositionModel(ReferenceByIdModel? DocumentType, ReferenceByIdModel? MediaType, ReferenceByIdModel? MemberType, string CompositionType = "Composition");

public sealed record ContentTypeRequestModel(
    Guid? Id,
    string? Alias,
    string? Name,
    string? Description,
    string? Icon,
    bool AllowedAsRoot,
    bool VariesByCulture,
    bool VariesBySegment,
    bool IsElement,
    IReadOnlyList<PropertyTypeModel>? Properties,
    IReadOnlyList<PropertyContainerModel>? Containers,
    IReadOnlyList<AllowedTypeModel>? AllowedDocumentTypes,
    IReadOnlyList<AllowedTypeModel>? AllowedMediaTypes,
    IReadOnlyList<CompositionModel>? Compositions);

public sealed record ContentTypeResponseModel(
    Guid Id,
    string Alias,
    string Name,
    string? Description,
    string? Icon,
    bool AllowedAsRoot,
    bool VariesByCulture,
    bool VariesBySegment,
    bool IsElement,
    IReadOnlyList<PropertyTypeModel> Properties,
    IReadOnlyList<PropertyContainerModel> Containers,
    IReadOnlyList<AllowedTypeModel> AllowedDocumentTypes,
    IReadOnlyList<AllowedTypeModel> AllowedMediaTypes,
    IReadOnlyList<CompositionModel> Compositions);

public sealed record SchemaTreeItemModel(Guid Id, string Name, string? Icon, bool IsElement, bool IsFolder = false);
