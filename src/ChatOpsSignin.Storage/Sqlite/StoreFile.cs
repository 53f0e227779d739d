using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ChatOpsSignin.Storage.Sqlite;

/// <summary>
/// Asks SQLite whether an open connection's database file is still at its path (<c>SQLITE_FCNTL_HAS_MOVED</c>: the
/// path now names another file, or none; https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html). SQLitePCLRaw has
/// no binding for <c>sqlite3_file_control</c>, so it is called in the same native library Microsoft.Data.Sqlite loads.
/// </summary>
internal static class StoreFile
{
    private const int HasMovedOp = 20;

    public static bool HasMoved(SqliteConnection connection)
    {
        var code = FileControl(connection.Handle!.DangerousGetHandle(), "main", HasMovedOp, out var moved);

        // The Unix VFS compares the path's inode with the open file's; a VFS without the check answers NOTFOUND: reopen.
        return code != 0 || moved != 0;
    }

    // DllImport, not LibraryImport: the generated stub needs unsafe code, and this is one call per idle gap.
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", CallingConvention = CallingConvention.Cdecl)]
    private static extern int FileControl(IntPtr database, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int op, out int result);
}
