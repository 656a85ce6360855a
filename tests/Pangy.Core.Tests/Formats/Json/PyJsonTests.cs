using Pangy.Core.Formats.Json;

namespace Pangy.Core.Tests.Formats.Json;

public class PyJsonTests
{
    [Theory]
    [InlineData(1000.0, "1000.0")]
    [InlineData(1075.0547, "1075.0547")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(6.88, "6.88")]
    [InlineData(2.5e-7, "2.5e-07")]
    [InlineData(1e100, "1e+100")]
    public void Floats_print_as_python_repr(double v, string expected) => Assert.Equal(expected, PyJson.FormatFloat(v));

    [Fact]
    public void Strings_escape_as_python_ensure_ascii()
    {
        Assert.Equal("\"gi|568815592#a\"", PyJson.Quote("gi|568815592#a"));
        Assert.Equal("\"\\u00e9\\\"\\\\\\n\\u007f<>&'\"", PyJson.Quote("é\"\\\n\u007f<>&'"));
        Assert.Equal("\"\\ud83d\\ude00\"", PyJson.Quote("😀"));
    }

    [Fact]
    public void Lists_use_the_chosen_separators()
    {
        Assert.Equal("[1, 2, 3]", PyJson.Ints([1, 2, 3]));
        Assert.Equal("[]", PyJson.Ints([]));
        Assert.Equal("{\"a\":[1,2]}", new PyJson(compact: true).Raw("{").Key("a").IntList([1, 2]).Raw("}").ToString());
    }
}
