using System.Security.Cryptography;

namespace Pangy.Cli.Tests;

/// <summary>Every file below a folder, by relative path, with its SHA-256: equal digests mean byte-identical artifacts.</summary>
internal static class ArtifactDigest
{
    public static string Of(string dir) => string.Join('\n',
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetRelativePath(dir, f), File: f))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.File)))}  {f.Name}"));
}
