using System.Text.RegularExpressions;
using Pangy.Testing;

namespace Pangy.Core.Tests.Datastore;

/// <summary>
/// The datastore's file and folder names are spelled in one place, <c>shared/Pangy.Core/Datastore/</c>: no other
/// source under <c>shared/</c>, <c>functions/</c> or <c>cli/</c> may hold them outside comments.
/// </summary>
public sealed class LayoutLiteralTests
{
    private static readonly Regex Artifact = new(
        @"mmapindex|\.binpath|step_index\.db|segments\.db|links\.db|bubbles\.db|annotations\.db|quickindex|" +
        @"polychain-data\.json|assembly\.json|sample_idx\.json|index\.json|bp_ranges\.json|meta\.json|polylines\.bin|spine[-.]\{|" +
        @"""\.pangy""|""staging""|""graphs""|\.npy""|""decomp""|""blocks""|\.blk""",
        RegexOptions.Compiled);

    private static readonly string LayoutFolder = Path.Combine("shared", "Pangy.Core", "Datastore") + Path.DirectorySeparatorChar;

    public static IEnumerable<string> Sources() =>
        new[] { "shared", "functions", "cli" }
            .SelectMany(d => Directory.EnumerateFiles(RepoPaths.Of(d), "*.cs", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "obj" or "bin"));

    /// <summary>A line without its comment: from <c>//</c> outside a string literal to the end.</summary>
    internal static string Code(string line)
    {
        bool inString = false;
        for (int i = 0; i < line.Length - 1; i++)
        {
            char c = line[i];
            if (c == '"' && (i == 0 || line[i - 1] != '\\')) inString = !inString;
            else if (!inString && c == '/' && line[i + 1] == '/') return line[..i];
        }
        return line;
    }

    private static readonly string AssetsFolder = Path.Combine("shared", "Pangy.Core", "Assets") + Path.DirectorySeparatorChar;

    [Fact]
    public void Artifact_names_appear_only_in_the_layout_description()
    {
        var sources = Sources().ToList();
        Assert.Contains(sources, f => f.StartsWith(LayoutFolder, StringComparison.Ordinal));
        var found = new List<string>();
        // Assets/ names files of the genome asset bucket and its cache, a store of its own (docs/assets.md), not the datastore.
        foreach (var file in sources.Where(f => !f.StartsWith(LayoutFolder, StringComparison.Ordinal) && !f.StartsWith(AssetsFolder, StringComparison.Ordinal)))
        {
            int n = 0;
            foreach (var line in File.ReadLines(RepoPaths.Of(file)))
            {
                n++;
                string code = Code(line);
                if (Artifact.IsMatch(code)) found.Add($"{file}:{n}: {line.Trim()}");
            }
        }
        Assert.True(found.Count == 0, "artifact names outside the layout description:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_layout_description_itself_holds_the_names()
    {
        string text = string.Concat(Directory.EnumerateFiles(RepoPaths.Of(LayoutFolder), "*.cs").Select(File.ReadAllText));
        foreach (var name in new[] { "\"segments.mmapindex\"", "\"links.mmapindex\"", "\"steps.mmapindex\"", "\"bubbles.mmapindex\"",
                     "\"polychain.mmapindex\"", "\"step_index.db\"", "\".binpath\"", "\"sample_idx.json\"" })
            Assert.Contains(name, text);
    }

    [Theory]
    [InlineData("var x = 1; // segments.db", "var x = 1; ")]
    [InlineData("/// <c>links.db</c>", "")]
    [InlineData("string s = \"http://x\"; // c", "string s = \"http://x\"; ")]
    public void Comments_are_cut_but_strings_are_kept(string line, string code) => Assert.Equal(code, Code(line));

    [Fact]
    public void The_check_sees_a_literal_in_code() =>
        Assert.Matches(Artifact, Code("string p = Path.Combine(dir, \"steps.mmapindex\"); // steps"));
}
