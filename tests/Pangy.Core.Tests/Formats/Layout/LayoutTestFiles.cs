using System.IO.Compression;

namespace Pangy.Core.Tests.Formats.Layout;

/// <summary>Paths of the layout fixtures and small stream helpers for the layout tests.</summary>
internal static class LayoutTestFiles
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string MiniTsv => Data("mini", "mini.odgi.tsv");
    public static string MiniBandage => Data("mini", "mini.bandage.json");
    public static string Drb1Tsv => Data("drb1", "DRB1-3123.lay.tsv");
    public static string RealLay => Data("layout", "odgi_real.lay");
    public static string RealLayTsv => Data("layout", "odgi_real.lay.tsv");
    public static string RealBandage => Data("layout", "bandage_real.layout");

    public static MemoryStream Bytes(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }
}
