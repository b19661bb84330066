using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Npgsql
{
    /// <inheritdoc />
    public partial class Members : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mahseMember",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberTypeId = table.Column<int>(type: "integer", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    IsApproved = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false),
                    LastLoginDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastLockoutDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseMember", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mahseMember_mahseContentType_MemberTypeId",
                        column: x => x.MemberTypeId,
                        principalTable: "mahseContentType",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mahseMember2MemberGroup",
                columns: table => new
                {
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    MemberGroupId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseMember2MemberGroup", x => new { x.MemberId, x.MemberGroupId });
                    table.ForeignKey(
                        name: "FK_mahseMember2MemberGroup_mahseMemberGroup_MemberGroupId",
                        column: x => x.MemberGroupId,
                        principalTable: "mahseMemberGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_mahseMember2MemberGroup_mahseMember_MemberId",
                        column: x => x.MemberId,
                        principalTable: "mahseMember",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mahseMember_Key",
                table: "mahseMember",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseMember_MemberTypeId",
                table: "mahseMember",
                column: "MemberTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_mahseMember_NormalizedEmail",
                table: "mahseMember",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseMember2MemberGroup_MemberGroupId",
                table: "mahseMember2MemberGroup",
                column: "MemberGroupId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mahseMember2MemberGroup");

            migrationBuilder.DropTable(
                name: "mahseMember");
        }
    }
}
