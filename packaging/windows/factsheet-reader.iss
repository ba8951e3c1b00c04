; Inno Setup 6 script: the Windows installer for Factsheet Reader.
; Built by packaging\build-windows.ps1 after PyInstaller has made dist\factsheet-reader\
; (see docs/packaging.md):   iscc /DAppVersion=0.1.0 packaging\windows\factsheet-reader.iss
;
; Installs for the current user (no administrator needed) or, if chosen, for everyone under
; Program Files. The app never writes into its install folder: settings, notes, caches and logs
; go to the user's AppData folders, which uninstalling leaves alone.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z ...
#endif
#define AppName "Factsheet Reader"
#define AppExe "factsheet-reader.exe"
#define Root "..\.."

[Setup]
; Never change AppId: Windows uses it to find the installed app for upgrades and uninstall.
AppId={{EDF100C7-80AA-4186-B954-44286F4F9AD2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Factsheet Reader
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=factsheet-reader-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\resources\icons\factsheet-reader.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled libraries, content and index wholesale: no stale files mixed in.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\factsheet-reader\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; AppUserModelID: "org.factsheetreader.FactsheetReader"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
