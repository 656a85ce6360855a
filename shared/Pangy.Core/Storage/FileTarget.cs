namespace Pangy.Core.Storage;

/// <summary>
/// What a local path leads to. .NET's <see cref="FileInfo"/> describes a symbolic link itself: its length is the length
/// of the target's path and its times are the link's, so sizes, progress and ETags taken from it are wrong for a file a
/// lab links into place instead of copying (a linked 3 GB GFA measured 28 bytes).
/// </summary>
internal static class FileTarget
{
    /// <summary>The file <paramref name="info"/> leads to through any chain of links, or itself when it is no link. A
    /// dangling link's target does not <see cref="FileSystemInfo.Exists"/>.</summary>
    public static FileInfo Of(FileInfo info) =>
        info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? target : info;

    /// <inheritdoc cref="Of(FileInfo)"/>
    public static FileInfo Of(string path) => Of(new FileInfo(path));
}
