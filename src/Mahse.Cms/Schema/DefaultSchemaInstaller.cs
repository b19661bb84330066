using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mahse.Cms.Persistence;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using static Umbraco.Cms.Core.Constants.PropertyEditors;
using MediaConventions = Umbraco.Cms.Core.Constants.Conventions.Media;

namespace Mahse.Cms.Schema;

/// <summary>
/// What a fresh Umbraco install puts in the database before anyone edits it: the default data types and the
/// Folder, Image and File media types, with Umbraco's well-known keys so that uSync files and pickers match.
/// </summary>
public sealed class DefaultSchemaInstaller(DataTypeService dataTypes, ContentTypeService contentTypes, ILogger<DefaultSchemaInstaller> logger)
{
    public static readonly Guid FolderMediaTypeKey = Guid.Parse("f38bd2d7-65d0-48e6-95dc-87ce06ec2d3d");
    public static readonly Guid ImageMediaTypeKey = Guid.Parse("cc07b313-0843-4aa8-bbda-871c8da728c8");
    public static readonly Guid FileMediaTypeKey = Guid.Parse("4c52d8ab-54e6-40cd-999c-7a5f24903e4d");

    // Umbraco.Cms.Core exposes these two only as strings (Constants.DataTypes.Guids.LabelPixels / LabelBytes).
    private static readonly Guid LabelPixelsKey = Guid.Parse(Constants.DataTypes.Guids.LabelPixels);
    private static readonly Guid LabelBytesKey = Guid.Parse(Constants.DataTypes.Guids.LabelBytes);

    public async Task<bool> InstallAsync(CancellationToken ct)
    {
        if ((await dataTypes.GetAllAsync(ct)).Count > 0)
        {
            return false;
        }

        (Guid Key, string Name, string Editor, string Ui, JsonObject Config)[] defaults =
        [
            (Constants.DataTypes.Guids.TextstringGuid, "Textstring", Aliases.TextBox, "Umb.PropertyEditorUi.TextBox", new JsonObject { ["maxChars"] = 512 }),
            (Constants.DataTypes.Guids.TextareaGuid, "Textarea", Aliases.TextArea, "Umb.PropertyEditorUi.TextArea", []),
            (Constants.DataTypes.Guids.RichtextEditorGuid, "Richtext editor", Aliases.RichText, "Umb.PropertyEditorUi.Tiptap", []),
            (Constants.DataTypes.Guids.CheckboxGuid, "True/false", Aliases.Boolean, "Umb.PropertyEditorUi.Toggle", []),
            (Constants.DataTypes.Guids.NumericGuid, "Numeric", Aliases.Integer, "Umb.PropertyEditorUi.Integer", []),
            (Constants.DataTypes.Guids.DatePickerGuid, "Date Picker", Aliases.DateTime, "Umb.PropertyEditorUi.DatePicker", new JsonObject { ["format"] = "YYYY-MM-DD" }),
            (Constants.DataTypes.Guids.DatePickerWithTimeGuid, "Date Picker with time", Aliases.DateTime, "Umb.PropertyEditorUi.DatePicker", new JsonObject { ["format"] = "YYYY-MM-DD HH:mm:ss" }),
            (Constants.DataTypes.Guids.DropdownGuid, "Dropdown", Aliases.DropDownListFlexible, "Umb.PropertyEditorUi.Dropdown", new JsonObject { ["multiple"] = false, ["items"] = new JsonArray() }),
            (Constants.DataTypes.Guids.DropdownMultipleGuid, "Dropdown multiple", Aliases.DropDownListFlexible, "Umb.PropertyEditorUi.Dropdown", new JsonObject { ["multiple"] = true, ["items"] = new JsonArray() }),
            (Constants.DataTypes.Guids.CheckboxListGuid, "Checkbox list", Aliases.CheckBoxList, "Umb.PropertyEditorUi.CheckBoxList", new JsonObject { ["items"] = new JsonArray() }),
            (Constants.DataTypes.Guids.RadioboxGuid, "Radiobox", Aliases.RadioButtonList, "Umb.PropertyEditorUi.RadioButtonList", new JsonObject { ["items"] = new JsonArray() }),
            (Constants.DataTypes.Guids.TagsGuid, "Tags", Aliases.Tags, "Umb.PropertyEditorUi.Tags", new JsonObject { ["group"] = "default", ["storageType"] = "Json" }),
            (Constants.DataTypes.Guids.ContentPickerGuid, "Content Picker", Aliases.ContentPicker, "Umb.PropertyEditorUi.DocumentPicker", []),
            (Constants.DataTypes.Guids.MediaPicker3Guid, "Media Picker", Aliases.MediaPicker3, "Umb.PropertyEditorUi.MediaPicker", new JsonObject { ["multiple"] = false }),
            (Constants.DataTypes.Guids.MediaPicker3MultipleGuid, "Multiple Media Picker", Aliases.MediaPicker3, "Umb.PropertyEditorUi.MediaPicker", new JsonObject { ["multiple"] = true }),
            (Constants.DataTypes.Guids.UploadGuid, "Upload File", Aliases.UploadField, "Umb.PropertyEditorUi.UploadField", []),
            (Constants.DataTypes.Guids.ImageCropperGuid, "Image Cropper", Aliases.ImageCropper, "Umb.PropertyEditorUi.ImageCropper", new JsonObject { ["crops"] = new JsonArray() }),
            (Constants.DataTypes.Guids.LabelStringGuid, "Label (string)", Aliases.Label, "Umb.PropertyEditorUi.Label", new JsonObject { ["umbracoDataValueType"] = "STRING" }),
            (Constants.DataTypes.Guids.LabelBigIntGuid, "Label (bigint)", Aliases.Label, "Umb.PropertyEditorUi.Label", new JsonObject { ["umbracoDataValueType"] = "BIGINT" }),
            (LabelPixelsKey, "Label (pixels)", Aliases.Label, "Umb.PropertyEditorUi.Label", new JsonObject { ["umbracoDataValueType"] = "INT" }),
            (LabelBytesKey, "Label (bytes)", Aliases.Label, "Umb.PropertyEditorUi.Label", new JsonObject { ["umbracoDataValueType"] = "BIGINT" }),
        ];
        foreach (var (key, name, editor, ui, config) in defaults)
        {
            var attempt = await dataTypes.SaveAsync(new DataTypeDefinition(key, name, editor, ui, config), null, ct);
            if (!attempt.Success)
            {
                throw new InvalidOperationException($"Default data type '{name}' could not be installed: {attempt.Result.Errors[0].Message}");
            }
        }

        await SaveMediaTypeAsync(FolderMediaTypeKey, Constants.Conventions.MediaTypes.Folder, "Folder", "icon-folder", [], ct);
        await SaveMediaTypeAsync(ImageMediaTypeKey, Constants.Conventions.MediaTypes.Image, "Image", "icon-picture",
        [
            (MediaConventions.File, "Image", Constants.DataTypes.Guids.ImageCropperGuid, true),
            (MediaConventions.Width, "Width", LabelPixelsKey, false),
            (MediaConventions.Height, "Height", LabelPixelsKey, false),
            (MediaConventions.Bytes, "Size", LabelBytesKey, false),
            (MediaConventions.Extension, "Type", Constants.DataTypes.Guids.LabelStringGuid, false),
        ], ct);
        await SaveMediaTypeAsync(FileMediaTypeKey, Constants.Conventions.MediaTypes.File, "File", "icon-document",
        [
            (MediaConventions.File, "File", Constants.DataTypes.Guids.UploadGuid, true),
            (MediaConventions.Extension, "Type", Constants.DataTypes.Guids.LabelStringGuid, false),
            (MediaConventions.Bytes, "Size", LabelBytesKey, false),
        ], ct);

        // Folders hold everything, themselves included.
        var folder = (await contentTypes.GetAsync(FolderMediaTypeKey, ct))!;
        await contentTypes.SaveAsync(folder with
        {
            AllowedChildren = [new(FolderMediaTypeKey, 0), new(ImageMediaTypeKey, 1), new(FileMediaTypeKey, 2)],
        }, null, ct);
        logger.LogInformation("Installed Umbraco's default data types and media types");
        return true;
    }

    private async Task SaveMediaTypeAsync(Guid key, string alias, string name, string icon,
        IReadOnlyList<(string Alias, string Name, Guid DataType, bool Mandatory)> properties, CancellationToken ct)
    {
        var container = DeterministicKey(key, "container");
        var definition = new ContentTypeDefinition(
            key, ContentTypeKind.Media, alias, name,
            properties.Count == 0 ? [] : [new ContainerDefinition(container, null, name, ContainerType.Group, 0)],
            properties.Select((p, i) => new PropertyTypeDefinition(DeterministicKey(key, p.Alias), container, p.Alias, p.Name, p.DataType,
                Mandatory: p.Mandatory, SortOrder: i)).ToList(),
            [], [], icon, AllowedAtRoot: true);
        var attempt = await contentTypes.SaveAsync(definition, null, ct);
        if (!attempt.Success)
        {
            throw new InvalidOperationException($"Default media type '{alias}' could not be installed: {attempt.Result.Errors[0].Message}");
        }
    }

    private static Guid DeterministicKey(Guid owner, string name) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes(owner.ToString("N") + ":" + name)));
}
