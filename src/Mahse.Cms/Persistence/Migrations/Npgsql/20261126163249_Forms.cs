using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Npgsql
{
    /// <inheritdoc />
    public partial class Forms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mahseForm",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false),
                    CreateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseForm", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseFormEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    FormKey = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CreateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Culture = table.Column<string>(type: "character varying(84)", maxLength: 84, nullable: true),
                    ContentKey = table.Column<Guid>(type: "uuid", nullable: true),
                    MemberKey = table.Column<Guid>(type: "uuid", nullable: true),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    AdditionalDataJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseFormEntry", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseFormWorkflowRun",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryKey = table.Column<Guid>(type: "uuid", nullable: false),
                    FormKey = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkflowKey = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkflowName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    WorkflowTypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true),
                    CreateDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseFormWorkflowRun", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseFormEntryAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseFormEntryAudit", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mahseFormEntryAudit_mahseFormEntry_EntryId",
                        column: x => x.EntryId,
                        principalTable: "mahseFormEntry",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mahseForm_Key",
                table: "mahseForm",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormEntry_FormKey_State_CreateDate",
                table: "mahseFormEntry",
                columns: new[] { "FormKey", "State", "CreateDate" });

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormEntry_Key",
                table: "mahseFormEntry",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormEntryAudit_EntryId",
                table: "mahseFormEntryAudit",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormWorkflowRun_EntryKey",
                table: "mahseFormWorkflowRun",
                column: "EntryKey");

            migrationBuilder.CreateIndex(
                name: "IX_mahseFormWorkflowRun_Status_NextAttemptAt",
                table: "mahseFormWorkflowRun",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mahseForm");

            migrationBuilder.DropTable(
                name: "mahseFormEntryAudit");

            migrationBuilder.DropTable(
                name: "mahseFormWorkflowRun");

            migrationBuilder.DropTable(
                name: "mahseFormEntry");
        }
    }
}
