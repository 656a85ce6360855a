namespace Pangy.Core.Build;

/// <summary>
/// An input the build reads: a display name for messages and a way to open its raw bytes (a local file, a blob).
/// Opening is asynchronous because an input may live in an object store. It may be opened more than once (a GFA whose
/// paths come before its segments is read twice).
/// </summary>
public sealed record InputFile(string Name, Func<CancellationToken, ValueTask<Stream>> OpenAsync, long? Length = null)
{
    /// <summary>A local file.</summary>
    public static InputFile FromPath(string path)
    {
        var link = new FileInfo(path);
        if (!link.Exists) throw new Formats.BadInputException(path, null, "file not found");
        // The length is the progress bar's total, so it must be the linked file's.
        var info = Storage.FileTarget.Of(link);
        if (!info.Exists)
            throw new Formats.BadInputException(path, null, $"file not found: it is a symbolic link to '{info.FullName}', which does not exist");
        return new InputFile(path, _ => ValueTask.FromResult<Stream>(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan)), info.Length);
    }
}
