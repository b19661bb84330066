using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FormDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mahseFormDraft",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ValuesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentPage = table.Column<int>(type: "INTEGER", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseFormDraft", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormDraft_ExpiresAt",
                table: "mahseFormDraft",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormDraft_Key",
                table: "mahseFormDraft",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormDraft_TokenHash",
                table: "mahseFormDraft",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mahseFormDraft");
        }
    }
}
