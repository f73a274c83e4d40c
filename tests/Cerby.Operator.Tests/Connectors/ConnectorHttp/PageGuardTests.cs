using Cerby.Operator.Connectors;
using Cerby.Operator.Connectors.ConnectorHttp;

namespace Cerby.Operator.Tests.Connectors.ConnectorHttp;

public sealed class PageGuardTests
{
    [Fact]
    public void A_page_asked_for_twice_is_a_page_loop()
    {
        var guard = new PageGuard("Users", maxPages: 10);
        guard.BeginPage("cursor-a");

        var error = Assert.Throws<ConnectorException>(() => guard.BeginPage("cursor-a"));

        Assert.Equal(ConnectorErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("page loop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_seen_on_two_pages_means_the_app_does_not_advance()
    {
        var guard = new PageGuard("Users", maxPages: 10);
        guard.AddItem("u1");

        Assert.Equal(ConnectorErrorKind.InvalidResponse, Assert.Throws<ConnectorException>(() => guard.AddItem("u1")).Kind);
    }

    [Fact]
    public void More_pages_than_the_limit_end_the_read()
    {
        var guard = new PageGuard("Users", maxPages: 2);
        guard.BeginPage("1");
        guard.BeginPage("2");

        Assert.Equal(ConnectorErrorKind.InvalidResponse, Assert.Throws<ConnectorException>(() => guard.BeginPage("3")).Kind);
    }
}
