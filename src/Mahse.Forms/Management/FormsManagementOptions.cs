namespace Mahse.Forms.Management;

/// <summary>Who may read entries, bound from <c>Mahse:Forms</c>.</summary>
public sealed class FormsManagementOptions
{
    public const string Section = "Mahse:Forms";

    public static readonly IReadOnlyList<string> DefaultEntryReaderGroups = ["admin", "reviewers"];

    /// <summary>
    /// User group aliases whose members may read, approve, reject, export and delete entries. Left empty here (the
    /// configuration binder appends to a list it finds filled); <see cref="EntryReaders"/> supplies the default.
    /// </summary>
    public List<string> EntryReaderGroups { get; set; } = [];

    public IReadOnlyList<string> EntryReaders => EntryReaderGroups.Count > 0 ? EntryReaderGroups : DefaultEntryReaderGroups;
}
