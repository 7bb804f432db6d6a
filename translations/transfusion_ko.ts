<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>LossPlot</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>wall time (h:m:s)</source>
        <translation>경과 시간 (시:분:초)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Transfusion Studio</source>
        <translation>Transfusion Studio</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비됨</translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) not shown</source>
        <translation><numerusform>… 이전 %n줄은 표시하지 않음</numerusform></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>로그 패널(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>언어는 스튜디오를 다시 시작하면 바뀝니다.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Transfusion Studio</source>
        <translation>Transfusion Studio 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;Train, inspect and use Transfusion-style models: one transformer for text and images.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;Transfusion 방식 모델을 학습하고 살펴보고 사용합니다: 텍스트와 이미지를 위한 하나의 트랜스포머.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About Transfusion Studio</source>
        <translation>Transfusion Studio 정보</translation>
    </message>
</context>
<context>
    <name>TrainingPlotPanel</name>
    <message>
        <source>Log y</source>
        <translation>로그 y축</translation>
    </message>
    <message>
        <source>Min/max</source>
        <translation>최소/최대</translation>
    </message>
    <message>
        <source>Hide outliers</source>
        <translation>이상치 숨기기</translation>
    </message>
    <message>
        <source>Which metrics to plot</source>
        <translation>그릴 지표</translation>
    </message>
    <message>
        <source>Smoothing: TensorBoard&apos;s debiased exponential moving average</source>
        <translation>평활화: TensorBoard의 편향 보정 지수 이동 평균</translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation>로그 y축</translation>
    </message>
    <message>
        <source>Shade the range of the raw values behind the smoothed line</source>
        <translation>평활선 뒤에 원래 값의 범위를 음영으로 표시</translation>
    </message>
    <message>
        <source>Fit the y axis to the 1st–99th percentile of the visible values</source>
        <translation>y축을 보이는 값의 1–99 백분위수에 맞춤</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>경과 시간</translation>
    </message>
    <message>
        <source>What the x axis shows</source>
        <translation>x축에 표시할 값</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <source>Show all data and follow new points (or double-click the plot)</source>
        <translation>모든 데이터를 보여 주고 새 점을 따라감 (또는 그래프를 더블클릭)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 이미지…</translation>
    </message>
    <message>
        <source>PDF document…</source>
        <translation>PDF 문서…</translation>
    </message>
    <message>
        <source>CSV values…</source>
        <translation>CSV 값…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>평활화</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>기울기 노름</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>토큰/초</translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation>이미지/초</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 문서 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV values (*.csv)</source>
        <translation>CSV 값 (*.csv)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;One transformer that predicts the next token and diffuses images. Train a model, watch its attention mask and every denoising step, and talk to it in text and pictures.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;다음 토큰을 예측하고 이미지를 확산으로 생성하는 하나의 트랜스포머. 모델을 학습하고, 어텐션 마스크와 모든 디노이징 단계를 살펴보고, 텍스트와 그림으로 대화하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>엔진</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>SentencePiece</source>
        <translation>SentencePiece</translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation>BLAS</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 스레드</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
</context>
</TS>
