using Pangy.Core.Formats.Json;
using System.Text;
using Pangy.Core.Formats.Layout;

namespace Pangy.Core.Tests.Formats.Json;

/// <summary>Float text in and out must match Python's float() and repr() bit for bit; the expected bits come from CPython 3.</summary>
public class PythonFloatTests
{
    [Theory]
    [InlineData("9007199254740993", 0x4340000000000000UL)]
    [InlineData("9007199254740993.0", 0x4340000000000000UL)]
    [InlineData("0.1", 0x3FB999999999999AUL)]
    [InlineData("1075.05468974492", 0x4090CC380096A76FUL)]
    [InlineData("1723.791240148213", 0x409AEF2A3ADB7F6EUL)]
    [InlineData("-47.62044649018139", 0xC047CF6ACA641FA0UL)]
    [InlineData("2.2250738585072011e-308", 0x000FFFFFFFFFFFFFUL)]
    [InlineData("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFUL)]
    [InlineData("5e-324", 0x0000000000000001UL)]
    [InlineData("4.9406564584124654e-324", 0x0000000000000001UL)]
    [InlineData("123456789012345678901234567890", 0x45F8EE90FF6C373EUL)]
    [InlineData("0.30000000000000004", 0x3FD3333333333334UL)]
    [InlineData("1e23", 0x44B52D02C7E14AF6UL)]
    [InlineData("8.98846567431158e307", 0x7FE0000000000000UL)]
    [InlineData("-0.0", 0x8000000000000000UL)]
    [InlineData("1_000.5", 0x408F440000000000UL)]
    [InlineData("  7.25\t", 0x401D000000000000UL)]
    [InlineData("+.5", 0x3FE0000000000000UL)]
    [InlineData("5.", 0x4014000000000000UL)]
    [InlineData("1E+05", 0x40F86A0000000000UL)]
    [InlineData("9999999999999999", 0x4341C37937E08000UL)]
    [InlineData("99999999999999999", 0x4376345785D8A000UL)]
    [InlineData("0.000001234567890123456789", 0x3EB4B66DC01EC6FBUL)]
    [InlineData("3.141592653589793238462643383279", 0x400921FB54442D18UL)]
    [InlineData("-8362129.318230847", 0xC15FE624545DE4EAUL)]
    [InlineData("4503599627370497.5", 0x4330000000000002UL)]
    [InlineData("1.00000000000000011102230246251565404236316680908203125", 0x3FF0000000000000UL)]
    [InlineData("1.00000000000000011102230246251565404236316680908203124", 0x3FF0000000000000UL)]
    [InlineData("1.00000000000000011102230246251565404236316680908203126", 0x3FF0000000000001UL)]
    public void Parse_matches_python_float(string text, ulong expectedBits)
    {
        Assert.True(PythonFloat.TryParse(Encoding.ASCII.GetBytes(text), out double value));
        Assert.Equal(expectedBits, BitConverter.DoubleToUInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("1.5x")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("_1")]
    [InlineData("1__0")]
    [InlineData("1_")]
    [InlineData("1,5")]
    [InlineData("0x10")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("nan")]
    [InlineData("1e400")]
    [InlineData("1 2")]
    public void Parse_refuses_what_is_not_a_finite_number(string text) =>
        Assert.False(PythonFloat.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData(0x0000000000000000UL, "0.0")]
    [InlineData(0x8000000000000000UL, "-0.0")]
    [InlineData(0x3FF0000000000000UL, "1.0")]
    [InlineData(0x4024000000000000UL, "10.0")]
    [InlineData(0x3FB999999999999AUL, "0.1")]
    [InlineData(0x3EE4F8B588E368F1UL, "1e-05")]
    [InlineData(0x3F1A36E2EB1C432DUL, "0.0001")]
    [InlineData(0x3F1F75104D551D69UL, "0.00012")]
    [InlineData(0x430C6BF526340000UL, "1000000000000000.0")]
    [InlineData(0x4341C37937E08000UL, "1e+16")]
    [InlineData(0x434AA535D3D0C000UL, "1.5e+16")]
    [InlineData(0x437B69B4BA630F35UL, "1.2345678901234568e+17")]
    [InlineData(0x4480F0CF064DD592UL, "1e+22")]
    [InlineData(0x3E7AD7F29ABCAF48UL, "1e-07")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x7FEFFFFFFFFFFFFFUL, "1.7976931348623157e+308")]
    [InlineData(0xC004000000000000UL, "-2.5")]
    [InlineData(0x4090CC380096A76FUL, "1075.05468974492")]
    [InlineData(0x407B152E05991BAEUL, "433.3237358074938")]
    [InlineData(0x54B249AD2594C37DUL, "1e+100")]
    [InlineData(0x40C81CD6C8B43958UL, "12345.678")]
    [InlineData(0x3FD3333333333334UL, "0.30000000000000004")]
    [InlineData(0x4059000000000000UL, "100.0")]
    [InlineData(0x4340000000000000UL, "9007199254740992.0")]
    [InlineData(0x81A56E1FC2F8F359UL, "-1e-300")]
    [InlineData(0x3F33A92A30553262UL, "0.00030000000000000003")]
    [InlineData(0x419D6F3454000000UL, "123456789.0")]
    [InlineData(0x3E90C6F7A0B5ED8DUL, "2.5e-07")]
    [InlineData(0x408F400000000000UL, "1000.0")]
    [InlineData(0x4090CC380346DC5DUL, "1075.0547")]
    [InlineData(0xC00C000000000000UL, "-3.5")]
    [InlineData(0x4310000000000000UL, "1125899906842624.0")]
    [InlineData(0x430C6BF52633FFFFUL, "999999999999999.9")]
    [InlineData(0x3F50624DD2F1A9FCUL, "0.001")]
    [InlineData(0xC028800000000000UL, "-12.25")]
    [InlineData(0x4310000000000002UL, "1125899906842624.5")]
    [InlineData(0x405EDD2F1A9FBE77UL, "123.456")]
    [InlineData(0x3FE9999999999999UL, "0.7999999999999999")]
    [InlineData(0x4011666666666666UL, "4.35")]
    [InlineData(0x4005666666666666UL, "2.675")]
    [InlineData(0xBFE0000000000000UL, "-0.5")]
    [InlineData(0x3FD0000000000000UL, "0.25")]
    [InlineData(0x40934A0000000000UL, "1234.5")]
    [InlineData(0x4058F9999999999AUL, "99.9")]
    [InlineData(0x3F50000000000000UL, "0.0009765625")]
    [InlineData(0x42FFFFFFFFFFFFFEUL, "562949953421311.9")]
    [InlineData(0x3FE6666666666667UL, "0.7000000000000001")]
    [InlineData(0x3F1A36E2EB1C432CUL, "9.999999999999999e-05")]
    [InlineData(0x430FFFFFFFFFFFF8UL, "1125899906842623.0")]
    public void Repr_matches_python_repr(ulong bits, string expected)
    {
        Span<byte> buffer = stackalloc byte[PythonFloat.MaxReprLength];
        int n = PythonFloat.FormatRepr(BitConverter.UInt64BitsToDouble(bits), buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..n]));
    }

    [Fact]
    public void Repr_fast_path_agrees_with_the_general_path()
    {
        // The shapes the fast path takes (integers, a few decimals, around its bounds) and random doubles it refuses.
        var random = new Random(13);
        Span<byte> fast = stackalloc byte[PythonFloat.MaxReprLength];
        Span<byte> general = stackalloc byte[PythonFloat.MaxReprLength];
        for (int i = 0; i < 200_000; i++)
        {
            double v = (i % 5) switch
            {
                0 => random.NextInt64(-(1L << 51), 1L << 51),
                1 => Math.Round(random.NextDouble() * 2e6 - 1e6, random.Next(0, 8)),
                2 => random.NextInt64(1, 1_000_000) / Math.Pow(10, random.Next(0, 23)),
                3 => BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(i % 2 == 0 ? 1e-4 : 1125899906842624.0) + (ulong)random.Next(-3, 4)),
                _ => BitConverter.UInt64BitsToDouble((ulong)random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFFUL),
            };
            int n = PythonFloat.FormatRepr(v, fast);
            int m = PythonFloat.FormatReprGeneral(v, general);
            Assert.Equal(Encoding.ASCII.GetString(general[..m]), Encoding.ASCII.GetString(fast[..n]));
        }
    }

    [Fact]
    public void Repr_reads_back_to_the_same_double()
    {
        var random = new Random(7);
        Span<byte> buffer = stackalloc byte[PythonFloat.MaxReprLength];
        for (int i = 0; i < 100_000; i++)
        {
            double v = BitConverter.UInt64BitsToDouble((ulong)random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFFUL) * (i % 2 == 0 ? 1 : -1);
            int n = PythonFloat.FormatRepr(v, buffer);
            Assert.True(PythonFloat.TryParse(buffer[..n], out double back));
            Assert.Equal(BitConverter.DoubleToUInt64Bits(v), BitConverter.DoubleToUInt64Bits(back));
        }
    }

    [Fact]
    public void Repr_refuses_non_finite_values()
    {
        var buffer = new byte[PythonFloat.MaxReprLength];
        Assert.Throws<ArgumentOutOfRangeException>(() => PythonFloat.FormatRepr(double.NaN, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => PythonFloat.FormatRepr(double.NegativeInfinity, buffer));
    }
}
