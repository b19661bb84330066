using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Npgsql
{
    /// <inheritdoc />
    public partial class Survey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mahseSurveyOrganisation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SubRegion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseSurveyOrganisation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseSurveyResponse",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    RespondentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Site = table.Column<string>(type: "text", nullable: true),
                    SubRegion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Division = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Specialism = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    CareerStage = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    AuditCount = table.Column<int>(type: "integer", nullable: false),
                    ServiceImprovementCount = table.Column<int>(type: "integer", nullable: false),
                    ResearchCount = table.Column<int>(type: "integer", nullable: false),
                    InnovationCount = table.Column<int>(type: "integer", nullable: false),
                    PublicationCount = table.Column<int>(type: "integer", nullable: false),
                    GrantCount = table.Column<int>(type: "integer", nullable: false),
                    Barriers = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TrainingNeeds = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ChampionWilling = table.Column<bool>(type: "boolean", nullable: false),
                    Comments = table.Column<string>(type: "text", nullable: true),
                    ContactConsent = table.Column<bool>(type: "boolean", nullable: false),
                    ContactName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    IsSynthetic = table.Column<bool>(type: "boolean", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseSurveyResponse", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mahseSurveyResponse_mahseSurveyOrganisation_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "mahseSurveyOrganisation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mahseSurveyOrganisation_Key",
                table: "mahseSurveyOrganisation",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseSurveyOrganisation_Name",
                table: "mahseSurveyOrganisation",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseSurveyResponse_Key",
                table: "mahseSurveyResponse",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mahseSurveyResponse_OrganisationId",
                table: "mahseSurveyResponse",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_mahseSurveyResponse_RespondentId",
                table: "mahseSurveyResponse",
                column: "RespondentId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mahseSurveyResponse");

            migrationBuilder.DropTable(
                name: "mahseSurveyOrganisation");
        }
    }
}
