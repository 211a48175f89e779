; Inno Setup 6 script: a per-user (or, on request, per-machine) installer
; for the PyInstaller bundle dist\crisis-binder\. Build on Windows after
; `pyinstaller packaging\crisis-binder.spec` (see packaging\README.md):
;
;   iscc /DAppVersion=0.1.0 packaging\windows\crisis-binder.iss
;
; writes dist\crisis-binder-<version>-windows-x64-setup.exe. For a USB
; stick, do not install: zip dist\crisis-binder\ instead and add an empty
; .portable file beside crisis-binder.exe.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Crisis Binder"
#define AppExe "crisis-binder.exe"
#define Root "..\.."

[Setup]
; Never change AppId: Windows uses it to find the installed copy to upgrade.
AppId={{22F55E3D-44AF-4315-92DD-F07D7058C097}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Crisis Binder contributors
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
LicenseFile={#Root}\LICENSE
SetupIconFile=crisis-binder.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=crisis-binder-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add crisis-binder-cli to PATH (for the current user)"; Flags: unchecked

[Files]
; Never ship a developer's portable marker or portable data.
Source: "{#Root}\dist\crisis-binder\*"; DestDir: "{app}"; Excludes: ".portable,\crisis-binder-data"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\README.md"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Root}\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The binder, settings and logs live in the user's folders (or beside the
; program in portable mode) and are never removed by the uninstaller.

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
