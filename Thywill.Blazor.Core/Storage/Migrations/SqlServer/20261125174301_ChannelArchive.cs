using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Thywill.Blazor.Storage.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class ChannelArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArchivedChannels",
                columns: table => new
                {
                    ApplicationId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "varchar(160)", unicode: false, maxLength: 160, nullable: false),
                    Epoch = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    LatestOffset = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchivedChannels", x => new { x.ApplicationId, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "ArchivedPublications",
                columns: table => new
                {
                    ApplicationId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "varchar(160)", unicode: false, maxLength: 160, nullable: false),
                    Offset = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    From = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: true),
                    Data = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Exclude = table.Column<string>(type: "nvarchar(max)", nullable: true),
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchivedPublications");

            migrationBuilder.DropTable(
                name: "ArchivedChannels");
        }
    }
}
