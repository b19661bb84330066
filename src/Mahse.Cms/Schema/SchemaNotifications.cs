using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Schema;

// Umbraco's DataTypeSavedNotification and ContentTypeSavedNotification carry IDataType/IContentType built by its
// runtime; these carry this project's definitions instead, published after commit in the same way.

public sealed record DataTypeDefinitionSavedNotification(DataTypeDefinition DataType) : INotification;

public sealed record DataTypeDefinitionDeletedNotification(DataTypeDefinition DataType) : INotification;

public sealed record ContentTypeDefinitionSavedNotification(ContentTypeDefinition ContentType) : INotification;

public sealed record ContentTypeDefinitionDeletedNotification(ContentTypeDefinition ContentType) : INotification;
