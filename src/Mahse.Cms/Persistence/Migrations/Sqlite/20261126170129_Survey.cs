using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SubRegion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mahseSurveyOrganisation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mahseSurveyResponse",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    RespondentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Site = table.Column<string>(type: "TEXT", nullable: true),
                    SubRegion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Division = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Specialism = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    CareerStage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Band = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AuditCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceImprovementCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResearchCount = table.Column<int>(type: "INTEGER", nullable: false),
                    InnovationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PublicationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Barriers = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TrainingNeeds = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ChampionWilling = table.Column<bool>(type: "INTEGER", nullable: false),
                    Comments = table.Column<string>(type: "TEXT", nullable: true),
                    ContactConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    IsSynthetic = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
