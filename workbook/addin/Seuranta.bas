Attribute VB_Name = "Seuranta"
' Ribbon callbacks of the Seuranta add-in (the buttons are in customUI14.xml).
'
' Each button runs one function of the Python module seuranta_xl.excel.ribbon through
' the official xlwings add-in (xlwings.xlam), which staff install once with
' `xlwings addin install`. This module holds no xlwings code of its own.
'
' The text is kept ASCII on purpose: VBA stores module source in the project's
' code page (cp1252), so ASCII reads back the same everywhere. The Finnish
' messages are worded so that they need no letters outside ASCII.
Option Explicit

Private Const PY_MODULE As String = "seuranta_xl.excel.ribbon"
Private Const APP_TITLE As String = "Seuranta"

Public Sub SeurantaValidate(control As IRibbonControl)
    RunSeuranta "validate"
End Sub

Public Sub SeurantaDropdowns(control As IRibbonControl)
    RunSeuranta "dropdowns"
End Sub

Public Sub SeurantaRollup(control As IRibbonControl)
    RunSeuranta "rollup"
End Sub

Public Sub SeurantaHighlight(control As IRibbonControl)
    RunSeuranta "highlight"
End Sub

Public Sub SeurantaClear(control As IRibbonControl)
    RunSeuranta "clear"
End Sub

Public Sub SeurantaRun(control As IRibbonControl)
    RunSeuranta "run"
End Sub

Public Sub SeurantaCompare(control As IRibbonControl)
    Dim picked As Variant
    picked = Application.GetOpenFilename("Excel (*.xlsx;*.xlsm),*.xlsx;*.xlsm", , "Valitse edellinen raportti")
    If VarType(picked) = vbBoolean Then Exit Sub
    RunSeuranta "compare_previous", "previous=" & PyText(CStr(picked))
End Sub

Public Sub SeurantaSplit(control As IRibbonControl)
    RunWithFolder "split_for_people", "Valitse kansio, johon vastuuhenkiloiden tiedostot tehdaan"
End Sub

Public Sub SeurantaMerge(control As IRibbonControl)
    RunWithFolder "merge_answers", "Valitse kansio, jossa palautetut tiedostot ovat"
End Sub

' Asks for a folder, then runs pyFunction(folder=...); nothing when the user cancels.
Private Sub RunWithFolder(ByVal pyFunction As String, ByVal title As String)
    Dim folder As String
    folder = PickFolder(title)
    If folder = "" Then Exit Sub
    RunSeuranta pyFunction, "folder=" & PyText(folder)
End Sub

' A folder from Excel's folder picker; "" when the user cancels.
Private Function PickFolder(ByVal title As String) As String
    With Application.FileDialog(4) ' msoFileDialogFolderPicker
        .Title = title
        If .Show = -1 Then PickFolder = .SelectedItems(1)
    End With
End Function

' A Python string literal of any path: each character as a \uXXXX escape, so no quote,
' backslash or letter outside ASCII can end the literal or change the command.
Private Function PyText(ByVal value As String) As String
    Dim i As Long
    PyText = "'"
    For i = 1 To Len(value)
        PyText = PyText & "\u" & Right$("000" & Hex$(AscW(Mid$(value, i, 1)) And &HFFFF&), 4)
    Next i
    PyText = PyText & "'"
End Function

Public Sub SeurantaHelp(control As IRibbonControl)
    RunSeuranta "show_help"
End Sub

Public Sub SeurantaAbout(control As IRibbonControl)
    RunSeuranta "about", "addin_version='" & AddinVersion() & "'"
End Sub

' The package version this add-in was built from: the custom document property
' SeurantaVersion that `seuranta-xl addin build` writes. Only the characters of a
' version number are kept, so the text can go into the Python command as it is.
Private Function AddinVersion() As String
    Dim raw As String, ch As String, i As Long
    On Error Resume Next
    raw = CStr(ThisWorkbook.CustomDocumentProperties("SeurantaVersion").Value)
    On Error GoTo 0
    For i = 1 To Len(raw)
        ch = Mid$(raw, i, 1)
        If ch Like "[0-9A-Za-z.+-]" Then AddinVersion = AddinVersion & ch
    Next i
End Function

' Checks that a report is open, then asks xlwings to run
' "import seuranta_xl.excel.ribbon as m; m.<pyFunction>(<pyArgs>)" on it.
Private Sub RunSeuranta(ByVal pyFunction As String, Optional ByVal pyArgs As String = "")
    If ActiveWorkbook Is Nothing Then
        ' A report opened from e-mail or the internet is in Protected View: no workbook
        ' until editing is enabled.
        If Application.ProtectedViewWindows.Count > 0 Then
            MsgBox "Raportti on avattu suojatussa nakymassa. Valitse keltaisesta palkista " & _
                "Ota muokkaus kayttoon ja paina painiketta uudelleen.", vbExclamation, APP_TITLE
        Else
            MsgBox "Avaa ensin seurantaraportti ja valitse sitten painike uudelleen.", vbExclamation, APP_TITLE
        End If
        Exit Sub
    End If
    On Error GoTo Failed
    Application.Run "xlwings.xlam!RunPython", "import " & PY_MODULE & " as m; m." & pyFunction & "(" & pyArgs & ")"
    Exit Sub
Failed:
    If Err.Number = 1004 Then
        ' Application.Run raises 1004 when xlwings.xlam is not loaded in Excel.
        MsgBox "Excelin xlwings-apuohjelmaa (xlwings.xlam) ei ole asennettu." & vbCrLf & vbCrLf & _
            "Asenna se komennolla:  xlwings addin install" & vbCrLf & _
            "macOS:ssa aja sitten:  xlwings runpython install" & vbCrLf & vbCrLf & _
            "Katso ohjeet README-tiedostosta.", vbCritical, APP_TITLE
    Else
        MsgBox "Toiminto ei onnistunut: " & Err.Description & " (virhe " & Err.Number & ")", vbCritical, APP_TITLE
    End If
End Sub
