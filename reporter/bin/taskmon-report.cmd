@echo off
rem taskmon-report: runs a command and reports its run to taskmon; see reporter\README.md.
rem The exit code is the command's own, so Task Scheduler sees what it saw before.
setlocal
set "TASKMON_REPORT_HERE=%~dp0"
if not defined TASKMON_REPORT_JAR (
  if exist "%TASKMON_REPORT_HERE%taskmon-report.jar" (
    set "TASKMON_REPORT_JAR=%TASKMON_REPORT_HERE%taskmon-report.jar"
  ) else (
    set "TASKMON_REPORT_JAR=%TASKMON_REPORT_HERE%..\target\taskmon-report.jar"
  )
)
rem The full path, and the class-data archive made next to the jar by the build when there is one.
rem The JVM checks the archive belongs to this jar and JDK; the -Xlog options keep a mismatch silent.
set "TASKMON_REPORT_CDS="
for %%J in ("%TASKMON_REPORT_JAR%") do (
  set "TASKMON_REPORT_JAR=%%~fJ"
  if exist "%%~dpnJ.jsa" set "TASKMON_REPORT_CDS=-XX:SharedArchiveFile=%%~dpnJ.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
)
set "TASKMON_REPORT_JAVA=java"
if defined JAVA_HOME set "TASKMON_REPORT_JAVA=%JAVA_HOME%\bin\java"
rem A short command's overhead is mostly JVM start: C1 only, the serial GC and a small heap start fastest.
"%TASKMON_REPORT_JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xss512k -Xmx64m %TASKMON_REPORT_CDS% %TASKMON_REPORT_JAVA_OPTS% -cp "%TASKMON_REPORT_JAR%" io.taskmon.reporter.TaskmonReport %*
endlocal & exit /b %ERRORLEVEL%
