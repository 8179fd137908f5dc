using Thywill.Blazor.Host.Operators;
using Thywill.Blazor.Tests.TestSupport;

namespace Thywill.Blazor.Tests.Hosting;

public sealed class OperatorCredentialsTests
{
    [Fact]
    public void Verify_RightPassword_GivesTheOperator_AnythingElseNothing()
    {
        var credentials = With(new OperatorUser { Name = "ops", PasswordHash = OperatorCredentials.Hash("correct horse") });

        Assert.True(credentials.Configured);
        Assert.Equal("ops", credentials.Verify("ops", "correct horse"));
        Assert.Null(credentials.Verify("ops", "correct horse "));
        Assert.Null(credentials.Verify("OPS", "correct horse"));
        Assert.Null(credentials.Verify("nobody", "correct horse"));
        Assert.Null(credentials.Verify(null, null));
    }

    [Fact]
    public void Configured_NoUserOrOnlyIncompleteOnes_IsFalse()
    {
        Assert.False(With().Configured);
        Assert.False(With(new OperatorUser { Name = "ops" }, new OperatorUser { PasswordHash = OperatorCredentials.Hash("x") }).Configured);
        Assert.Null(With(new OperatorUser { Name = "ops" }).Verify("ops", ""));
    }

    [Fact]
    public void Hash_IsSaltedAndNeverThePassword()
    {
        var first = OperatorCredentials.Hash("secret");

        Assert.NotEqual(first, OperatorCredentials.Hash("secret"));
        Assert.DoesNotContain("secret", first, StringComparison.Ordinal);
    }

    private static OperatorCredentials With(params OperatorUser[] users) =>
        new(TestOptionsMonitor.Of(new OperatorOptions { Users = [.. users] }));
}
