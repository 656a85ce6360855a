using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Pangy.Core.Tests.Skeleton;

/// <summary>Reads the stage's outputs back with plain library calls (gzip, System.Text.Json, SQLite).</summary>
internal static class SkeletonFiles
{
    public static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    public static string GunzipText(string path) => Encoding.UTF8.GetString(Gunzip(path));

    public static JsonDocument GunzipJson(string path) => JsonDocument.Parse(Gunzip(path));

    /// <summary>One row of bubbles.db with its list columns parsed.</summary>
    public sealed record Bubble(int Id, int Chain, int ChainStep, int? Parent, int[] Children, int[] Source, int[] Sink, int[] Inside, long Length);

    public static Dictionary<int, Bubble> ReadBubbles(string dir)
    {
        var rows = new Dictionary<int, Bubble>();
        using var db = new SqliteConnection($"Data Source={Path.Combine(dir, "bubbles.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT id, chain, chain_step, parent, children, source, sink, inside, length FROM bubbles";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            int[] Ints(int col) => JsonSerializer.Deserialize<int[]>(r.GetString(col))!;
            rows[r.GetInt32(0)] = new Bubble(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt32(3),
                Ints(4), Ints(5), Ints(6), Ints(7), r.GetInt64(8));
        }
        return rows;
    }

    /// <summary>Every output file of the stage under <paramref name="dir"/>, relative path → bytes.</summary>
    public static SortedDictionary<string, byte[]> Outputs(string dir)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string sub in new[] { "skeleton", "polychain.mmapindex" })
            foreach (string f in Directory.GetFiles(Path.Combine(dir, sub), "*", SearchOption.AllDirectories))
                files[Path.GetRelativePath(dir, f)] = File.ReadAllBytes(f);
        foreach (string f in new[] { "polychain-data.json.gz", "meta.json" })
            files[f] = File.ReadAllBytes(Path.Combine(dir, f));
        return files;
    }

    /// <summary>
    /// A SHA-256 over every output file of the stage (relative path, then content; gzip members decompressed), with
    /// the Pangy version string masked so that a version bump does not change it. Pins the outputs byte for byte.
    /// </summary>
    public static string ContentDigest(string dir)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        byte[] version = Encoding.UTF8.GetBytes(Pangy.Core.PangyVersion.Current), mask = Encoding.UTF8.GetBytes("VERSION");
        foreach (var (name, bytes) in Outputs(dir))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name.Replace('\\', '/') + "\0"));
            byte[] content = name.EndsWith(".gz", StringComparison.Ordinal) ? Gunzip(new MemoryStream(bytes)) : bytes;
            sha.AppendData(Replace(content, version, mask));
            sha.AppendData("\0"u8);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static byte[] Gunzip(Stream compressed)
    {
        using var gz = new GZipStream(compressed, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    private static byte[] Replace(byte[] data, byte[] what, byte[] with)
    {
        var output = new MemoryStream(data.Length);
        var span = data.AsSpan();
        int i;
        while ((i = span.IndexOf(what)) >= 0)
        {
            output.Write(span[..i]);
            output.Write(with);
            span = span[(i + what.Length)..];
        }
        output.Write(span);
        return output.ToArray();
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}
