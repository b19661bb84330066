using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Npgsql
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Culture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CreateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
