using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Npgsql
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    FormKey = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    CurrentPage = table.Column<int>(type: "integer", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
