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
        var info = new FileInfo(path);
        if (!info.Exists) throw new Formats.BadInputException(path, null, "file not found");
        // FileInfo describes a symbolic link itself (its Length is the target path's), so the build's progress was
        // measured against a few dozen bytes; the length that counts is the file the link leads to.
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            if (!target.Exists)
                throw new Formats.BadInputException(path, null, $"file not found: it is a symbolic link to '{target.FullName}', which does not exist");
            info = target;
        }
        return new InputFile(path, _ => ValueTask.FromResult<Stream>(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan)), info.Length);
    }
}
