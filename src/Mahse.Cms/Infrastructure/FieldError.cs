namespace Mahse.Cms.Infrastructure;

/// <summary>One broken rule, named by the field it concerns (a JSON path or a property alias).</summary>
public sealed record FieldError(string Field, string Message);
