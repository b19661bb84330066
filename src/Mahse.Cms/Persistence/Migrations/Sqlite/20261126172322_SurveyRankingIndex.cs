using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mahse.Cms.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SurveyRankingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_mahseSurveyResponse_OrganisationId",
                table: "mahseSurveyResponse");

            migrationBuilder.CreateIndex(
                name: "IX_mahseSurveyResponse_Ranking",
                table: "mahseSurveyResponse",
                columns: new[] { "OrganisationId", "Site", "Division", "ChampionWilling", "AuditCount", "ServiceImprovementCount", "ResearchCount", "InnovationCount", "PublicationCount", "GrantCount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_mahseSurveyResponse_Ranking",
                table: "mahseSurveyResponse");

            migrationBuilder.CreateIndex(
                name: "IX_mahseSurveyResponse_OrganisationId",
                table: "mahseSurveyResponse",
                column: "OrganisationId");
        }
    }
}
