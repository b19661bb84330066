using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mahseContentType",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Icon = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    AllowedAtRoot = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsElement = table.Column<bool>(type: "INTEGER", nullable: false),
                    Variations = table.Column<int>(type: "INTEGER", nullable: false),
                    Folder = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseContentType", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseDataType",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    EditorAlias = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    EditorUiAlias = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ConfigurationJson = table.Column<string>(type: "TEXT", nullable: false),
                    Folder = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseDataType", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseDictionaryItem",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ParentItemKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TranslationsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseDictionaryItem", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseDomain",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    RootKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    LanguageIsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    IsWildcard = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseDomain", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseKeyValue",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseKeyValue", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "mahseLanguage",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsMandatory = table.Column<bool>(type: "INTEGER", nullable: false),
                    FallbackIsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseLanguage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseMemberGroup",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseMemberGroup", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahsePublicAccess",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginNodeKey = table.Column<Guid>(type: "TEXT", nullable: true),
                    NoAccessNodeKey = table.Column<Guid>(type: "TEXT", nullable: true),
                    RulesJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahsePublicAccess", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseSyncState",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StateHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseSyncState", x => new { x.ItemType, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "mahseTemplate",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MasterAlias = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseTemplate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseTemporaryFile",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    StoragePath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseTemporaryFile", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "mahseUser",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    UserGroup = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedOutUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastLoginDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseUser", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictApplications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClientSecret = table.Column<string>(type: "TEXT", nullable: true),
                    ClientType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConsentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    JsonWebKeySet = table.Column<string>(type: "TEXT", nullable: true),
                    Permissions = table.Column<string>(type: "TEXT", nullable: true),
                    PostLogoutRedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Requirements = table.Column<string>(type: "TEXT", nullable: true),
                    Settings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictScopes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Descriptions = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Resources = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictScopes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseContentNode",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    ContentTypeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Trashed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrashedFromParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    UrlSegment = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    DraftVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    TemplateKey = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublishDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ScheduledPublishDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ScheduledUnpublishDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseContentNode", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mahseContentNode_mahseContentNode_ParentId",
                        column: x => x.ParentId,
                        principalTable: "mahseContentNode",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_mahseContentNode_mahseContentType_ContentTypeId",
                        column: x => x.ContentTypeId,
                        principalTable: "mahseContentType",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictAuthorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictAuthorizations_OpenIddictApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "mahseContentVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    UrlSegment = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ValuesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    WasPublished = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseContentVersion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mahseContentVersion_mahseContentNode_NodeId",
                        column: x => x.NodeId,
                        principalTable: "mahseContentNode",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenIddictTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorizationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpirationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedemptionDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReferenceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenIddictTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "OpenIddictApplications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId",
                        column: x => x.AuthorizationId,
                        principalTable: "OpenIddictAuthorizations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentNode_ContentTypeId",
                table: "mahseContentNode",
                column: "ContentTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentNode_Key",
                table: "mahseContentNode",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentNode_Kind_ParentId_SortOrder",
                table: "mahseContentNode",
                columns: new[] { "Kind", "ParentId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentNode_ParentId",
                table: "mahseContentNode",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentNode_Path",
                table: "mahseContentNode",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentType_Alias",
                table: "mahseContentType",
                column: "Alias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentType_Key",
                table: "mahseContentType",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentVersion_Key",
                table: "mahseContentVersion",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseContentVersion_NodeId",
                table: "mahseContentVersion",
                column: "NodeId");

            migrationBuilder.CreateIndex(
                name: "IX_mahseDataType_Key",
                table: "mahseDataType",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseDataType_Name",
                table: "mahseDataType",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseDictionaryItem_ItemKey",
                table: "mahseDictionaryItem",
                column: "ItemKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseDictionaryItem_Key",
                table: "mahseDictionaryItem",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseDomain_Name",
                table: "mahseDomain",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseLanguage_IsoCode",
                table: "mahseLanguage",
                column: "IsoCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseMemberGroup_Key",
                table: "mahseMemberGroup",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseMemberGroup_Name",
                table: "mahseMemberGroup",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahsePublicAccess_Key",
                table: "mahsePublicAccess",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahsePublicAccess_NodeKey",
                table: "mahsePublicAccess",
                column: "NodeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseTemplate_Alias",
                table: "mahseTemplate",
                column: "Alias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseTemplate_Key",
                table: "mahseTemplate",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseUser_Email",
                table: "mahseUser",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseUser_Key",
                table: "mahseUser",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseUser_UserName",
                table: "mahseUser",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictApplications_ClientId",
                table: "OpenIddictApplications",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type",
                table: "OpenIddictAuthorizations",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictScopes_Name",
                table: "OpenIddictScopes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ApplicationId_Status_Subject_Type",
                table: "OpenIddictTokens",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_AuthorizationId",
                table: "OpenIddictTokens",
                column: "AuthorizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenIddictTokens_ReferenceId",
                table: "OpenIddictTokens",
                column: "ReferenceId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mahseContentVersion");

            migrationBuilder.DropTable(
                name: "mahseDataType");

            migrationBuilder.DropTable(
                name: "mahseDictionaryItem");

            migrationBuilder.DropTable(
                name: "mahseDomain");

            migrationBuilder.DropTable(
                name: "mahseKeyValue");

            migrationBuilder.DropTable(
                name: "mahseLanguage");

            migrationBuilder.DropTable(
                name: "mahseMemberGroup");

            migrationBuilder.DropTable(
                name: "mahsePublicAccess");

            migrationBuilder.DropTable(
                name: "mahseSyncState");

            migrationBuilder.DropTable(
                name: "mahseTemplate");

            migrationBuilder.DropTable(
                name: "mahseTemporaryFile");

            migrationBuilder.DropTable(
                name: "mahseUser");

            migrationBuilder.DropTable(
                name: "OpenIddictScopes");

            migrationBuilder.DropTable(
                name: "OpenIddictTokens");

            migrationBuilder.DropTable(
                name: "mahseContentNode");

            migrationBuilder.DropTable(
                name: "OpenIddictAuthorizations");

            migrationBuilder.DropTable(
                name: "mahseContentType");

            migrationBuilder.DropTable(
                name: "OpenIddictApplications");
        }
    }
}
