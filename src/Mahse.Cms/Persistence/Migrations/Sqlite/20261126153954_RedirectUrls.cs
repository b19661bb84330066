using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RedirectUrls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mahseRedirectUrl",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseRedirectUrl", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mahseRedirectUrl_ContentKey",
                table: "mahseRedirectUrl",
                column: "ContentKey");

            migrationBuilder.CreateIndex(
                name: "IX_mahseRedirectUrl_Key",
                table: "mahseRedirectUrl",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseRedirectUrl_Url_CreateDate",
                table: "mahseRedirectUrl",
                columns: new[] { "Url", "CreateDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mahseRedirectUrl");
        }
    }
}
