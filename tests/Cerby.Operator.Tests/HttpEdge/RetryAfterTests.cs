using System.Net.Http.Headers;
using Cerby.Operator.HttpEdge;

namespace Cerby.Operator.Tests.HttpEdge;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delay_seconds_are_the_wait() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.Parse(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now));

    [Fact]
    public void A_date_is_the_wait_until_then_and_a_past_date_is_no_wait()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Parse(new RetryConditionHeaderValue(Now.AddSeconds(30)), Now));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse(new RetryConditionHeaderValue(Now.AddSeconds(-30)), Now));
    }

    [Fact]
    public void No_header_is_null() => Assert.Null(RetryAfterHeader.Parse((RetryConditionHeaderValue?)null, Now));
}
