using System.Text;
using Pangy.Core.Datastore;

namespace Pangy.Core.Tests.Datastore;

public class LinkIdTextTests
{
    [Theory]
    [InlineData(7, false, 12, true, "7+12-")]
    [InlineData(1001, true, 1002, false, "1001-1002+")]
    [InlineData(0, false, 0, false, "0+0+")]
    public void Spells_the_links_db_key(int from, bool fromReverse, int to, bool toReverse, string expected)
    {
        Assert.Equal(expected, LinkIdText.Of(from, fromReverse, to, toReverse));
        Span<byte> id = stackalloc byte[LinkIdText.MaxBytes];
        Assert.Equal(expected, Encoding.ASCII.GetString(id[..LinkIdText.Format(id, from, fromReverse, to, toReverse)]));
    }

    [Fact]
    public void The_longest_id_fits_MaxBytes()
    {
        Span<byte> id = stackalloc byte[LinkIdText.MaxBytes];
        int n = LinkIdText.Format(id, int.MinValue, true, int.MinValue, true);
        Assert.Equal(LinkIdText.MaxBytes, n);
        Assert.Equal("-2147483648--2147483648-", Encoding.ASCII.GetString(id[..n]));
    }
}
