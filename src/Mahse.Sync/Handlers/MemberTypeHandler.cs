using Umbraco.Cms.Core;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Member types (<c>MemberTypes/</c>): with the member's permissions per property (CanEdit, CanView, IsSensitive). The
/// properties Umbraco puts on every member type are written with uSync's fixed keys, so files match across installs.
/// </summary>
public sealed class MemberTypeHandler(
    IMemberTypeService types,
    IMemberTypeContainerService containers,
    IDataTypeService dataTypes,
    IShortStringHelper shortStrings,
    UsyncNames names)
    : ContentTypeHandlerBase<IMemberType>(types, containers, dataTypes, shortStrings, names)
{
    // uSync's MemberTypeSerializer: the built-in properties of the default "Member" type.
    private static readonly Dictionary<string, Guid> BuiltInKeys = new(StringComparer.Ordinal)
    {
        ["umbracoMemberComments"] = Guid.Parse("2a280588-0000-0000-0000-000000000000"),
        ["umbracoMemberApproved"] = Guid.Parse("e79dccfb-0000-0000-0000-000000000000"),
        ["umbracoMemberFailedPasswordAttempts"] = Guid.Parse("0f2ea539-0000-0000-0000-000000000000"),
        ["umbracoMemberLastLockoutDate"] = Guid.Parse("3a7bc3c6-0000-0000-0000-000000000000"),
        ["umbracoMemberLastLogin"] = Guid.Parse("b5e309ba-0000-0000-0000-000000000000"),
        ["umbracoMemberLastPasswordChangeDate"] = Guid.Parse("ded56d3f-0000-0000-0000-000000000000"),
        ["umbracoMemberLockedOut"] = Guid.Parse("c36093d2-0000-0000-0000-000000000000"),
        ["umbracoMemberPasswordRetrievalAnswer"] = Guid.Parse("9700bd39-0000-0000-0000-000000000000"),
        ["umbracoMemberPasswordRetrievalQuestion"] = Guid.Parse("e2d9286a-0000-0000-0000-000000000000"),
    };

    public override string Name => "MemberTypeHandler";

    public override string ItemType => "MemberType";

    public override int WriteLock => Constants.Locks.MemberTypes;

    public override int Priority => 1045;

    protected override bool StructureFirst => false;

    protected override IMemberType Create(int parentId) => new MemberType(ShortStrings, parentId);

    protected override bool IsBuiltIn(IMemberType type, IPropertyType property) => BuiltInKeys.ContainsKey(property.Alias);

    protected override Guid PropertyKey(IMemberType type, IPropertyType property) =>
        !BuiltInKeys.TryGetValue(property.Alias, out var key) ? property.Key
        : type.Alias == "Member" ? key
        : UsyncKeys.For(type.Alias + property.Alias);

    protected override void SerializePropertyExtras(IMemberType type, IPropertyType property, XElement element) =>
        element.Add(
            new XElement("CanEdit", UsyncXml.CamelBool(type.MemberCanEditProperty(property.Alias))),
            new XElement("CanView", UsyncXml.CamelBool(type.MemberCanViewProperty(property.Alias))),
            new XElement("IsSensitive", UsyncXml.CamelBool(type.IsSensitiveProperty(property.Alias))));

    protected override void ApplyPropertyExtras(IMemberType type, IPropertyType property, XElement element)
    {
        type.SetMemberCanEditProperty(property.Alias, UsyncXml.ReadBool(element.Element("CanEdit")));
        type.SetMemberCanViewProperty(property.Alias, UsyncXml.ReadBool(element.Element("CanView")));
        type.SetIsSensitiveProperty(property.Alias, UsyncXml.ReadBool(element.Element("IsSensitive")));
    }
}
