<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>LossPlot</name>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>wall time (h:m:s)</source>
        <translation>経過時間 (時:分:秒)</translation>
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
        <translation>ようこそ</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) not shown</source>
        <translation><numerusform>… 以前の %n 行は表示されていません</numerusform></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>ログパネル(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>The language changes the next time the studio starts.</source>
        <translation>言語は次回スタジオを起動したときに変わります。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Transfusion Studio</source>
        <translation>Transfusion Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;Train, inspect and use Transfusion-style models: one transformer for text and images.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Transfusion Studio %1&lt;/h3&gt;&lt;p&gt;Transfusion 型モデルの学習・観察・利用：テキストと画像のための一つのトランスフォーマー。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;LibTorch&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;SentencePiece&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spdlog&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;QCustomPlot&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;BLAS&lt;/td&gt;&lt;td&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About Transfusion Studio</source>
        <translation>Transfusion Studio について</translation>
    </message>
</context>
<context>
    <name>TrainingPlotPanel</name>
    <message>
        <source>Log y</source>
        <translation>対数 y 軸</translation>
    </message>
    <message>
        <source>Min/max</source>
        <translation>最小/最大</translation>
    </message>
    <message>
        <source>Hide outliers</source>
        <translation>外れ値を隠す</translation>
    </message>
    <message>
        <source>Which metrics to plot</source>
        <translation>表示する指標</translation>
    </message>
    <message>
        <source>Smoothing: TensorBoard&apos;s debiased exponential moving average</source>
        <translation>平滑化：TensorBoard のバイアス補正付き指数移動平均</translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation>対数 y 軸</translation>
    </message>
    <message>
        <source>Shade the range of the raw values behind the smoothed line</source>
        <translation>平滑化した線の背後に生の値の範囲を塗りつぶす</translation>
    </message>
    <message>
        <source>Fit the y axis to the 1st–99th percentile of the visible values</source>
        <translation>y 軸を表示中の値の 1–99 パーセンタイルに合わせる</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>経過時間</translation>
    </message>
    <message>
        <source>What the x axis shows</source>
        <translation>x 軸に表示する値</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Show all data and follow new points (or double-click the plot)</source>
        <translation>全データを表示して新しい点を追う（またはグラフをダブルクリック）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 画像…</translation>
    </message>
    <message>
        <source>PDF document…</source>
        <translation>PDF 文書…</translation>
    </message>
    <message>
        <source>CSV values…</source>
        <translation>CSV 値…</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑化</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>勾配ノルム</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>トークン/秒</translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation>画像/秒</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV values (*.csv)</source>
        <translation>CSV 値 (*.csv)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>グラフをエクスポート</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;One transformer that predicts the next token and diffuses images. Train a model, watch its attention mask and every denoising step, and talk to it in text and pictures.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Transfusion Studio&lt;/h2&gt;&lt;p&gt;次のトークンを予測し、拡散で画像を生成する一つのトランスフォーマー。モデルを学習し、アテンションマスクとすべてのノイズ除去ステップを観察し、テキストと画像で対話しましょう。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>エンジン</translation>
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
        <translation>CPU スレッド</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
</context>
</TS>
