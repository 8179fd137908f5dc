using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Thywill.Blazor.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArchivedChannels",
                columns: table => new
                {
                    ApplicationId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(160)", unicode: false, maxLength: 160, nullable: false),
                    Epoch = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: false),
                    LatestOffset = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchivedChannels", x => new { x.ApplicationId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    FirstSeen = table.Column<long>(type: "bigint", nullable: false),
                    LastSeen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ArchivedPublications",
                columns: table => new
                {
                    ApplicationId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "character varying(160)", unicode: false, maxLength: 160, nullable: false),
                    Offset = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    From = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: true),
                    Data = table.Column<string>(type: "text", nullable: false),
                    Exclude = table.Column<string>(type: "text", nullable: true),
                    Timestamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchivedPublications", x => new { x.ApplicationId, x.Channel, x.Offset });
                    table.ForeignKey(
                        name: "FK_ArchivedPublications_ArchivedChannels_ApplicationId_Channel",
                        columns: x => new { x.ApplicationId, x.Channel },
                        principalTable: "ArchivedChannels",
                        principalColumns: new[] { "ApplicationId", "Name" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Clients",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    ApplicationId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    SessionId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    FirstSeen = table.Column<long>(type: "bigint", nullable: false),
                    LastSeen = table.Column<long>(type: "bigint", nullable: false),
                    ConnectCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Clients_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ApplicationId_LastSeen",
                table: "Clients",
                columns: new[] { "ApplicationId", "LastSeen" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_SessionId",
                table: "Clients",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_LastSeen",
                table: "Sessions",
                column: "LastSeen");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchivedPublications");

            migrationBuilder.DropTable(
                name: "Clients");

            migrationBuilder.DropTable(
                name: "ArchivedChannels");

            migrationBuilder.DropTable(
                name: "Sessions");
        }
    }
}
