<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>tfs::studio::AttentionPage</name>
    <message>
        <source>Layout</source>
        <translation>レイアウト</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Layout: text:N, image:P, | between documents. Prompt: text with &lt;image&gt; where an image goes.</source>
        <translation>レイアウト: text:N, image:P、文書の区切りは |。プロンプト: 画像の位置に &lt;image&gt; を書いたテキスト。</translation>
    </message>
    <message>
        <source>Causal only</source>
        <translation>因果のみ</translation>
    </message>
    <message>
        <source>Plain causal attention: what the paper&apos;s ablation removes is the bidirectional attention inside each image (Ctrl+Shift+C)</source>
        <translation>純粋な因果アテンション: 論文のアブレーションが取り除くのは各画像内の双方向アテンションです（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>&lt;image&gt; = </source>
        <translation>&lt;image&gt; = </translation>
    </message>
    <message>
        <source> patches</source>
        <translation> パッチ</translation>
    </message>
    <message>
        <source>Patches per &lt;image&gt; in a prompt when no model is loaded</source>
        <translation>モデル未読み込み時のプロンプト中の &lt;image&gt; あたりのパッチ数</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>モデルを読み込む…</translation>
    </message>
    <message>
        <source>Open a run folder to show its real attention weights (Ctrl+Shift+L)</source>
        <translation>実行フォルダを開いて実際のアテンション重みを表示（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>デモモデル</translation>
    </message>
    <message>
        <source>Load the model shipped with the studio</source>
        <translation>スタジオ同梱のモデルを読み込む</translation>
    </message>
    <message>
        <source>No model: the mask only</source>
        <translation>モデルなし: マスクのみ</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>マスク</translation>
    </message>
    <message>
        <source>Attention weights</source>
        <translation>アテンション重み</translation>
    </message>
    <message>
        <source>The mask (who may attend whom) or the model&apos;s probabilities</source>
        <translation>マスク（誰が誰を参照できるか）またはモデルの確率</translation>
    </message>
    <message>
        <source>Transformer layer, or the mean over all layers</source>
        <translation>Transformer 層、または全層の平均</translation>
    </message>
    <message>
        <source>Attention head, or the mean over the heads</source>
        <translation>アテンションヘッド、またはヘッドの平均</translation>
    </message>
    <message>
        <source>t = pure noise</source>
        <translation>t = 純粋なノイズ</translation>
    </message>
    <message>
        <source>t = </source>
        <translation>t = </translation>
    </message>
    <message>
        <source>Noise step of the images the model sees</source>
        <translation>モデルが見る画像のノイズステップ</translation>
    </message>
    <message>
        <source>mean of layers</source>
        <translation>層の平均</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>ヘッドの平均</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>ヘッド %1</translation>
    </message>
    <message>
        <source>text:5,image:16,text:3 | text:4</source>
        <translation>text:5,image:16,text:3 | text:4</translation>
    </message>
    <message>
        <source>a red circle &lt;image&gt; a blue square &lt;image&gt;</source>
        <translation>赤い円 &lt;image&gt; 青い四角 &lt;image&gt;</translation>
    </message>
    <message>
        <source>attention of %1, %2</source>
        <translation>%1・%2 のアテンション</translation>
    </message>
    <message>
        <source>causal-only mask</source>
        <translation>因果のみのマスク</translation>
    </message>
    <message>
        <source>Transfusion mask</source>
        <translation>Transfusion マスク</translation>
    </message>
    <message>
        <source>%1 positions · %2 document(s) · %3 image(s) · %4</source>
        <translation>%1 位置 · 文書 %2 · 画像 %3 · %4</translation>
    </message>
    <message>
        <source>Open a trained run</source>
        <translation>学習済みの実行を開く</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>モデル: %1</translation>
    </message>
    <message>
        <source>Model: %1 (%2 layers × %3 heads, %4 patches per image)</source>
        <translation>モデル: %1（%2 層 × %3 ヘッド、画像あたり %4 パッチ）</translation>
    </message>
</context>
<context>
    <name>tfs::studio::ChatInput</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter starts a new line; paste or drop images to attach them)</source>
        <translation>メッセージを入力…（Enter で送信、Shift+Enter で改行。画像は貼り付けかドロップで添付）</translation>
    </message>
</context>
<context>
    <name>tfs::studio::ChatPage</name>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>新しい会話を開始</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Load a saved conversation (JSON)</source>
        <translation>保存した会話を読み込む（JSON）</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>保存(&amp;V)…</translation>
    </message>
    <message>
        <source>Save the conversation with all its branches as JSON, its images beside it</source>
        <translation>会話をすべての分岐ごと JSON で保存し、画像はその隣に保存</translation>
    </message>
    <message>
        <source>Images sent with the next message; Delete removes the selected one.</source>
        <translation>次のメッセージと一緒に送る画像。Delete キーで選択した画像を削除します。</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>送信(&amp;S)</translation>
    </message>
    <message>
        <source>Send the message; the model replies with text and maybe images (Enter)</source>
        <translation>メッセージを送信。モデルはテキストと、場合によっては画像で返信します（Enter）</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>描画(&amp;D)</translation>
    </message>
    <message>
        <source>Send the message and have the reply start with an image (Ctrl+D)</source>
        <translation>メッセージを送信し、返信を画像から始めさせる（Ctrl+D）</translation>
    </message>
    <message>
        <source>&amp;Image…</source>
        <translation>画像(&amp;I)…</translation>
    </message>
    <message>
        <source>Attach image files to the next message (or paste / drop them)</source>
        <translation>次のメッセージに画像ファイルを添付（または貼り付け／ドロップ）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the reply now (Esc)</source>
        <translation>返信を今すぐ停止（Esc）</translation>
    </message>
    <message>
        <source>Reply settings</source>
        <translation>返信の設定</translation>
    </message>
    <message>
        <source>0 always picks the likeliest token (the paper); higher is more varied.</source>
        <translation>0 は常に最も確率の高いトークンを選びます（論文の設定）。高いほど多様になります。</translation>
    </message>
    <message>
        <source>The most text tokens in one reply</source>
        <translation>1 回の返信の最大テキストトークン数</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Max tokens:</source>
        <translation>最大トークン数(&amp;M):</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 ピクセル</translation>
    </message>
    <message>
        <source>Attach Images</source>
        <translation>画像を添付</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>The model is still replying: wait or stop it first.</source>
        <translation>モデルがまだ返信中です。待つか、先に停止してください。</translation>
    </message>
    <message>
        <source>The edited reply is a new branch.</source>
        <translation>編集した返信は新しい分岐になります。</translation>
    </message>
    <message>
        <source>reply: %1</source>
        <translation>返信: %1</translation>
    </message>
    <message>
        <source>(image)</source>
        <translation>（画像）</translation>
    </message>
    <message>
        <source>Replying…</source>
        <translation>返信中…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>Replied in %1 s (%2).</source>
        <translation>%1 秒で返信しました（%2）。</translation>
    </message>
    <message>
        <source>(no reply)</source>
        <translation>（返信なし）</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>返信に失敗しました: %1</translation>
    </message>
    <message>
        <source>New conversation.</source>
        <translation type="vanished">新しい会話。</translation>
    </message>
    <message>
        <source>Editing a message: sending makes it a new branch and the model replies to it.</source>
        <translation>メッセージを編集中: 送信すると新しい分岐になり、モデルがそれに返信します。</translation>
    </message>
    <message>
        <source>Editing the model&apos;s message: sending makes it a new branch.</source>
        <translation>モデルのメッセージを編集中: 送信すると新しい分岐になります。</translation>
    </message>
    <message>
        <source>regenerate: %1</source>
        <translation>再生成: %1</translation>
    </message>
    <message>
        <source>Regenerating…</source>
        <translation>再生成中…</translation>
    </message>
    <message>
        <source>Open Conversation</source>
        <translation>会話を開く</translation>
    </message>
    <message>
        <source>Conversations (*.json)</source>
        <translation>会話 (*.json)</translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>%1 を読み込みました。</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Save Conversation</source>
        <translation>会話を保存</translation>
    </message>
    <message>
        <source>Saved %1 (images in %2_images/).</source>
        <translation>%1 を保存しました（画像は %2_images/ に）。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 を保存できません: %2</translation>
    </message>
    <message>
        <source>Ask the model, or describe an image and press Draw (Ctrl+D) — e.g. &quot;a photo of a bag&quot;. Attach, paste or drop an image and ask &quot;what is this?&quot;.</source>
        <translation>モデルに質問するか、画像を説明して「描画」(Ctrl+D) を押してください — 例: &quot;a photo of a bag&quot;。画像を添付・貼り付け・ドロップして &quot;what is this?&quot; と尋ねることもできます。</translation>
    </message>
    <message>
        <source>The model ended its reply at once: it has nothing to say to this.</source>
        <translation>モデルはすぐに返答を終えました: これについて言うことがありません。</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>警告: %1。</translation>
    </message>
    <message>
        <source>Note: %1.</source>
        <translation>注意: %1。</translation>
    </message>
    <message>
        <source>New conversation. Type a message and press Enter (Send) for a text reply, or Draw (Ctrl+D) for an image; attach an image (Image…, paste or drop) and ask about it. Edit a message or regenerate a reply to branch; Save… keeps every branch.</source>
        <translation>新しい会話です。メッセージを入力して Enter（送信）でテキストの返答、「描画」(Ctrl+D) で画像の返答になります。画像を添付（画像…、貼り付け、ドロップ）して質問することもできます。メッセージの編集や返答の再生成で分岐し、「保存…」はすべての分岐を保存します。</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::ChatView</name>
    <message>
        <source>You</source>
        <translation>あなた</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>前のバージョン</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>次のバージョン</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Edit this message as a new branch</source>
        <translation>このメッセージを新しい分岐として編集</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>Generate another reply as a new branch</source>
        <translation>別の返信を新しい分岐として生成</translation>
    </message>
    <message>
        <source>Right-click to save or copy</source>
        <translation>右クリックで保存またはコピー</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>画像を保存…</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>画像をコピー</translation>
    </message>
</context>
<context>
    <name>tfs::studio::DenoisePage</name>
    <message>
        <source>&amp;Prompt:</source>
        <translation>プロンプト(&amp;P):</translation>
    </message>
    <message>
        <source>e.g. a photo of a sneaker</source>
        <translation>例: a photo of a sneaker</translation>
    </message>
    <message>
        <source>What to draw. Enter generates.</source>
        <translation>描く内容。Enter で生成します。</translation>
    </message>
    <message>
        <source>Settings A</source>
        <translation>設定 A</translation>
    </message>
    <message>
        <source>Compare with settings &amp;B</source>
        <translation>設定 B と比較(&amp;B)</translation>
    </message>
    <message>
        <source>Generate the same prompt with a second setting and show both side by side.</source>
        <translation>同じプロンプトを 2 つ目の設定で生成し、両方を並べて表示します。</translation>
    </message>
    <message>
        <source>Settings B</source>
        <translation>設定 B</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Queue the image (Ctrl+Enter); it runs in the Jobs queue.</source>
        <translation>画像をキューに追加（Ctrl+Enter）。ジョブキューで実行されます。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop this page&apos;s images now (Esc)</source>
        <translation>このページの画像を今すぐ停止（Esc）</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Left: the noisy x_t; right: the model&apos;s guess of the clean image x̂0. Drag the scrubber or click a thumbnail to revisit a step.</source>
        <translation>左: ノイズを含む x_t。右: モデルが推定したきれいな画像 x̂0。スクラバーをドラッグするかサムネイルをクリックしてステップを見直せます。</translation>
    </message>
    <message>
        <source>result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>No image yet.</source>
        <translation>まだ画像がありません。</translation>
    </message>
    <message>
        <source>&amp;Save Image…</source>
        <translation>画像を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the result as PNG with its parameters (prompt, seed, steps, CFG, sampler, model)</source>
        <translation>結果をパラメータ（プロンプト、シード、ステップ、CFG、サンプラー、モデル）付きで PNG に保存</translation>
    </message>
    <message>
        <source>Write a prompt first.</source>
        <translation>先にプロンプトを入力してください。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · queued</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 待機中</translation>
    </message>
    <message>
        <source>Denoising…</source>
        <translation>ノイズ除去中…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <source>The image was skipped.</source>
        <translation>画像はスキップされました。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>Image %1 done in %2 s</source>
        <translation>画像 %1 完了（%2 秒）</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
</context>
<context>
    <name>tfs::studio::DenoiseSchedulePlot</name>
    <message>
        <source>Per step: the noise level σ = √(1 − ᾱ_t) (solid) and the timestep t / T (dashed); the dot is the step shown above</source>
        <translation>ステップごと: ノイズレベル σ = √(1 − ᾱ_t)（実線）とタイムステップ t / T（破線）。点は上に表示中のステップ</translation>
    </message>
    <message>
        <source>step (of %1)</source>
        <translation>ステップ（全 %1）</translation>
    </message>
</context>
<context>
    <name>tfs::studio::EditPage</name>
    <message>
        <source>&amp;Open Image…</source>
        <translation>画像を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>The image to edit (Ctrl+O); you can also drop one here, or drag a finished job&apos;s image from Jobs</source>
        <translation>編集する画像（Ctrl+O）。ここにドロップするか、ジョブから完了したジョブの画像をドラッグすることもできます</translation>
    </message>
    <message>
        <source>Use &amp;Result</source>
        <translation>結果を使う(&amp;R)</translation>
    </message>
    <message>
        <source>Edit the result further: it becomes the input (Ctrl+R)</source>
        <translation>結果をさらに編集: 結果が入力になります（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Instruction:</source>
        <translation>指示(&amp;I):</translation>
    </message>
    <message>
        <source>e.g. make the circle green</source>
        <translation>例: make the circle green</translation>
    </message>
    <message>
        <source>What to change; Enter runs the edit</source>
        <translation>変更する内容。Enter で編集を実行</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>Run the edit (Ctrl+Enter); it runs in the Jobs queue</source>
        <translation>編集を実行（Ctrl+Enter）。ジョブキューで実行されます</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the edit now (Esc)</source>
        <translation>編集を今すぐ停止（Esc）</translation>
    </message>
    <message>
        <source>&amp;Save Result…</source>
        <translation>結果を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the result as PNG with its parameters (Ctrl+S)</source>
        <translation>結果をパラメータ付きで PNG に保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>履歴:</translation>
    </message>
    <message>
        <source>Every edit of this session; select one to compare it again</source>
        <translation>このセッションのすべての編集。選択すると再び比較できます</translation>
    </message>
    <message>
        <source>Editing fine-tune</source>
        <translation>編集ファインチューニング</translation>
    </message>
    <message>
        <source>Teach a trained model to follow edit instructions (as `transfusion finetune-edit`), on generated shapes triplets</source>
        <translation>生成した図形の三つ組で、学習済みモデルに編集指示に従うよう教えます（`transfusion finetune-edit` と同じ）</translation>
    </message>
    <message>
        <source>the loaded model&apos;s run</source>
        <translation>読み込んだモデルの実行</translation>
    </message>
    <message>
        <source>The trained run to start from; empty uses the loaded model&apos;s</source>
        <translation>開始元の学習済みの実行。空なら読み込んだモデルの実行を使用</translation>
    </message>
    <message>
        <source>A new folder for the fine-tune&apos;s run</source>
        <translation>ファインチューニングの実行用の新しいフォルダ</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>フォルダを選択</translation>
    </message>
    <message>
        <source>Optimiser steps of the fine-tune</source>
        <translation>ファインチューニングの最適化ステップ数</translation>
    </message>
    <message>
        <source>Base run:</source>
        <translation>ベースの実行:</translation>
    </message>
    <message>
        <source>New run:</source>
        <translation>新しい実行:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>ステップ:</translation>
    </message>
    <message>
        <source>Start Fine-tune</source>
        <translation>ファインチューニング開始</translation>
    </message>
    <message>
        <source>Stop &amp;&amp; Save</source>
        <translation>停止 &amp;&amp; 保存</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint</source>
        <translation>現在のステップの後で停止しチェックポイントを保存</translation>
    </message>
    <message>
        <source>Load Result</source>
        <translation>結果を読み込む</translation>
    </message>
    <message>
        <source>Generate and edit with the fine-tuned model</source>
        <translation>ファインチューニングしたモデルで生成・編集</translation>
    </message>
    <message>
        <source>%v / %m steps</source>
        <translation>%v / %m ステップ</translation>
    </message>
    <message>
        <source>before</source>
        <translation>前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>後</translation>
    </message>
    <message>
        <source>Drag (or use the arrow keys) to move the split between before and after</source>
        <translation>ドラッグ（または矢印キー）で前と後の境界を移動</translation>
    </message>
    <message>
        <source>Fine-tune Run Folder</source>
        <translation>ファインチューニングの実行フォルダ</translation>
    </message>
    <message>
        <source>Fine-tuning into %1…</source>
        <translation>%1 へファインチューニング中…</translation>
    </message>
    <message>
        <source>step %1: LM loss %2, diffusion loss %3</source>
        <translation>ステップ %1: LM 損失 %2、拡散損失 %3</translation>
    </message>
    <message>
        <source>Stopped; saved %1.</source>
        <translation>停止しました。%1 を保存しました。</translation>
    </message>
    <message>
        <source>Done; saved %1.</source>
        <translation>完了しました。%1 を保存しました。</translation>
    </message>
    <message>
        <source>The fine-tune failed: %1</source>
        <translation>ファインチューニングに失敗しました: %1</translation>
    </message>
    <message>
        <source>Input: %1 × %2 pixels</source>
        <translation>入力: %1 × %2 ピクセル</translation>
    </message>
    <message>
        <source>Input: %1</source>
        <translation>入力: %1</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Open an image to edit first.</source>
        <translation>先に編集する画像を開いてください。</translation>
    </message>
    <message>
        <source>Write an instruction first, e.g. &quot;make the circle green&quot;.</source>
        <translation>先に指示を入力してください（例: 「make the circle green」）。</translation>
    </message>
    <message>
        <source>edit: %1</source>
        <translation>編集: %1</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>編集中…</translation>
    </message>
    <message>
        <source>The result is the new input.</source>
        <translation>結果が新しい入力になりました。</translation>
    </message>
    <message>
        <source>Editing… step %1 / %2</source>
        <translation>編集中… ステップ %1 / %2</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>Edited in %1 s.</source>
        <translation>%1 秒で編集しました。</translation>
    </message>
    <message>
        <source>The edit failed: %1</source>
        <translation>編集に失敗しました: %1</translation>
    </message>
    <message>
        <source>Load a trained model (or name its run) to fine-tune it.</source>
        <translation>ファインチューニングするには学習済みモデルを読み込んでください（または実行を指定してください）。</translation>
    </message>
    <message>
        <source>Choose a new folder for the fine-tune&apos;s run.</source>
        <translation>ファインチューニングの実行用に新しいフォルダを選択してください。</translation>
    </message>
    <message>
        <source>Preparing the fine-tune…</source>
        <translation>ファインチューニングを準備中…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>現在のステップの後で停止中…</translation>
    </message>
    <message>
        <source>This model was not fine-tuned for editing, so its edits will not follow the instruction: start an editing fine-tune below.</source>
        <translation type="vanished">このモデルは編集用にファインチューニングされていないため、編集は指示に従いません。下で編集ファインチューニングを開始してください。</translation>
    </message>
    <message>
        <source>&amp;New Scene</source>
        <translation>新しいシーン(&amp;N)</translation>
    </message>
    <message>
        <source>A random shapes scene at the editing model&apos;s size, with an instruction that fits it (the shapes world the shipped editing model knows)</source>
        <translation>編集モデルのサイズのランダムな図形シーンと、それに合う指示（同梱の編集モデルが知る図形の世界）</translation>
    </message>
    <message>
        <source>%1 was not trained for editing, so its edits will not follow the instruction: open an editing model (File ▸ Open Model… on this page), or start an editing fine-tune below.</source>
        <translation>%1 は編集用に学習されていないため、編集は指示に従いません: 編集モデルを開く（このページで ファイル ▸ モデルを開く…）か、下で編集のファインチューニングを始めてください。</translation>
    </message>
    <message>
        <source>The loaded model&apos;s images (%1 px) are too small for a shapes scene.</source>
        <translation>読み込んだモデルの画像（%1 px）は図形シーンには小さすぎます。</translation>
    </message>
    <message>
        <source>A new scene: %1. Press Edit, or write your own instruction.</source>
        <translation>新しいシーン: %1。「編集」を押すか、自分で指示を書いてください。</translation>
    </message>
    <message>
        <source>The editing model is still loading; try again in a moment.</source>
        <translation>編集モデルはまだ読み込み中です。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>No editing model is loaded: File ▸ Open Model… on this page.</source>
        <translation>編集モデルが読み込まれていません: このページで ファイル ▸ モデルを開く…。</translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>警告: %1。</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::Filmstrip</name>
    <message>
        <source>x_t (noisy)</source>
        <translation>x_t（ノイズあり）</translation>
    </message>
    <message>
        <source>x̂₀ (prediction)</source>
        <translation>x̂₀（予測）</translation>
    </message>
    <message>
        <source>Revisit any denoising step</source>
        <translation>任意のノイズ除去ステップを見直す</translation>
    </message>
    <message>
        <source>Play the steps (Space)</source>
        <translation>ステップを再生（Space）</translation>
    </message>
    <message>
        <source>No steps yet</source>
        <translation>まだステップがありません</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>ステップ %1</translation>
    </message>
    <message>
        <source>step %1, t = %2</source>
        <translation>ステップ %1、t = %2</translation>
    </message>
    <message>
        <source>frame %1 / %2 · step %3 · t = %4 · %5 = %6</source>
        <translation>フレーム %1 / %2 · ステップ %3 · t = %4 · %5 = %6</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationQueue</name>
    <message>
        <source>No model is loaded: open a model run with File ▸ Open Model…</source>
        <translation>モデルが読み込まれていません: ファイル ▸ モデルを開く… でモデルの実行を開いてください</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationSettings</name>
    <message>
        <source>DPM-Solver++ 2M</source>
        <translation>DPM-Solver++ 2M</translation>
    </message>
    <message>
        <source>DDIM</source>
        <translation>DDIM</translation>
    </message>
    <message>
        <source>DDPM</source>
        <translation>DDPM</translation>
    </message>
    <message>
        <source>How the noise is removed step by step. DPM-Solver++ needs the fewest steps; DDPM is the slow, stochastic original.</source>
        <translation>ノイズを段階的に取り除く方法。DPM-Solver++ は最少のステップで済み、DDPM は低速で確率的な元の手法です。</translation>
    </message>
    <message>
        <source>&amp;Sampler:</source>
        <translation>サンプラー(&amp;S):</translation>
    </message>
    <message>
        <source>Denoising steps: more is slower and usually cleaner.</source>
        <translation type="vanished">ノイズ除去のステップ数: 多いほど遅く、たいていきれいになります。</translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation>ステップ(&amp;T):</translation>
    </message>
    <message>
        <source>Classifier-free guidance: how strongly the image follows the prompt (1 = no guidance, one model pass per step instead of two).</source>
        <translation>分類器なしガイダンス: 画像がプロンプトにどれだけ強く従うか（1 = ガイダンスなし、ステップごとのモデル実行が 2 回ではなく 1 回）。</translation>
    </message>
    <message>
        <source>&amp;CFG scale:</source>
        <translation>CFG スケール(&amp;C):</translation>
    </message>
    <message>
        <source>Same seed and settings, same pixels.</source>
        <translation>同じシードと設定なら同じピクセル。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Pick a random seed</source>
        <translation>ランダムなシードを選ぶ</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation>シード(&amp;D):</translation>
    </message>
    <message>
        <source>(none: the prompt dropped)</source>
        <translation>（なし: プロンプトを除去）</translation>
    </message>
    <message>
        <source>What guidance steers away from; empty uses the model&apos;s unconditional prediction.</source>
        <translation>ガイダンスが遠ざける対象。空ならモデルの無条件予測を使います。</translation>
    </message>
    <message>
        <source>&amp;Negative:</source>
        <translation>ネガティブ(&amp;N):</translation>
    </message>
    <message>
        <source>%1 · %2 steps · CFG %3 · seed %4</source>
        <translation>%1 · %2 ステップ · CFG %3 · シード %4</translation>
    </message>
    <message>
        <source>How much of the denoising is run, starting from the input image noised part-way (1 = from pure noise). Lower keeps more of the input; too low cannot make the change.</source>
        <translation>入力画像に途中までノイズを加えた状態から、デノイズをどれだけ実行するか（1 = 純粋なノイズから）。低いほど入力が多く残り、低すぎると変更できません。</translation>
    </message>
    <message>
        <source>Str&amp;ength:</source>
        <translation>強さ(&amp;E):</translation>
    </message>
    <message>
        <source>Denoising steps, 1–1000 (the schedule&apos;s length): more is slower and usually cleaner.</source>
        <translation>デノイズのステップ数、1–1000（スケジュールの長さ）: 多いほど遅く、たいていきれいになります。</translation>
    </message>
</context>
<context>
    <name>tfs::studio::GenerationWorkspaces</name>
    <message>
        <source>Denoise</source>
        <translation>ノイズ除去</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>会話</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>モデルを開く(&amp;M)…</translation>
    </message>
    <message>
        <source>Load a trained run folder for generating, chatting and editing</source>
        <translation type="vanished">生成・会話・編集に使う学習済みの実行フォルダを読み込む</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>モデルなし</translation>
    </message>
    <message>
        <source>The model the Denoise, Conversation and Edit workspaces use</source>
        <translation>ノイズ除去・会話・編集ワークスペースが使うモデル</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>モデル: %1</translation>
    </message>
    <message>
        <source>Loaded %1 from %2</source>
        <translation>%2 から %1 を読み込みました</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>No model: File ▸ Open Model…</source>
        <translation>モデルなし: ファイル ▸ モデルを開く…</translation>
    </message>
    <message>
        <source>Open Model Run</source>
        <translation>モデルの実行を開く</translation>
    </message>
    <message>
        <source>A model is still loading; try again in a moment.</source>
        <translation>モデルを読み込み中です。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Load a trained run folder: for the Edit workspace when it is shown, else for generating and chatting</source>
        <translation>学習済みの実行フォルダーを読み込みます: 編集ワークスペース表示中は編集用、それ以外は生成と会話用</translation>
    </message>
    <message>
        <source>Edit workspace: loaded %1 from %2</source>
        <translation>編集ワークスペース: %2 から %1 を読み込みました</translation>
    </message>
    <message>
        <source>Cannot load %1 for editing: %2</source>
        <translation>編集用に %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Open Model Run for Editing</source>
        <translation>編集用のモデル実行を開く</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::ImageCompare</name>
    <message>
        <source>before</source>
        <translation>前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>後</translation>
    </message>
    <message>
        <source>Drag to move the split between before and after</source>
        <translation>ドラッグで前と後の境界を移動</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>画像なし</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::JobList</name>
    <message>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Run this job earlier</source>
        <translation>このジョブを先に実行</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Run this job later</source>
        <translation>このジョブを後で実行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Remove the selected job from the queue, or cancel it if it runs</source>
        <translation>選択したジョブをキューから削除、実行中ならキャンセル</translation>
    </message>
    <message>
        <source>Stop now</source>
        <translation>今すぐ停止</translation>
    </message>
    <message>
        <source>Interrupt the running job immediately</source>
        <translation>実行中のジョブをただちに中断</translation>
    </message>
    <message>
        <source>Stop after image</source>
        <translation>画像の後で停止</translation>
    </message>
    <message>
        <source>Let the running job finish its current image, then stop</source>
        <translation>実行中のジョブに現在の画像を完了させてから停止</translation>
    </message>
    <message>
        <source>Skip image</source>
        <translation>画像をスキップ</translation>
    </message>
    <message>
        <source>Abandon the current image and go on with the next one</source>
        <translation>現在の画像を破棄して次へ進む</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::JobListModel</name>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
</context>
<context>
    <name>tfs::studio::JobsPage</name>
    <message>
        <source>Drag a finished job&apos;s image into the Conversation or the Edit workspace.</source>
        <translation>完了したジョブの画像を会話または編集ワークスペースへドラッグしてください。</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>終了したジョブを消去(&amp;L)</translation>
    </message>
    <message>
        <source>Remove done, failed and cancelled jobs from the list</source>
        <translation>完了・失敗・キャンセルしたジョブを一覧から削除</translation>
    </message>
    <message>
        <source>selected job</source>
        <translation>選択したジョブ</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2&lt;br&gt;%3</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::LossPlot</name>
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
    <name>tfs::studio::MainWindow</name>
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
        <translation>
            <numerusform>… 以前の %n 行は表示されていません</numerusform>
        </translation>
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
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>アテンション</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Stop training, save a checkpoint and quit?</source>
        <translation>学習を停止し、チェックポイントを保存して終了しますか?</translation>
    </message>
    <message>
        <source>Stopping training and saving a checkpoint…</source>
        <translation>学習を停止してチェックポイントを保存中…</translation>
    </message>
    <message>
        <source>Cannot reproduce %1: %2</source>
        <translation>%1 を再現できません: %2</translation>
    </message>
    <message>
        <source>Restored the settings of %1 (seed %2)</source>
        <translation>%1 の設定を復元しました（シード %2）</translation>
    </message>
    <message>
        <source>Reproduce</source>
        <translation>再現</translation>
    </message>
    <message>
        <source>Settings restored from %1</source>
        <translation>%1 から設定を復元しました</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::MaskView</name>
    <message>
        <source>text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>patches</source>
        <translation>パッチ</translation>
    </message>
    <message>
        <source>pad</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>Wheel to zoom, drag to pan, double-click to fit</source>
        <translation>ホイールでズーム、ドラッグで移動、ダブルクリックで全体表示</translation>
    </message>
    <message>
        <source>position %1</source>
        <translation>位置 %1</translation>
    </message>
    <message>
        <source>text token %1</source>
        <translation>テキストトークン %1</translation>
    </message>
    <message>
        <source>text &apos;%1&apos;</source>
        <translation>テキスト「%1」</translation>
    </message>
    <message>
        <source>patch %1 of %2</source>
        <translation>%2 のパッチ %1</translation>
    </message>
    <message>
        <source>image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 の %1</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>重み %1</translation>
    </message>
    <message>
        <source>may attend</source>
        <translation>参照可能</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>マスク済み</translation>
    </message>
    <message>
        <source>query %1 (%2) → key %3 (%4): %5</source>
        <translation>クエリ %1（%2）→ キー %3（%4）: %5</translation>
    </message>
    <message>
        <source>No sequence</source>
        <translation>シーケンスなし</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Save Image</source>
        <translation>画像を保存</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>The engine failed: %1</source>
        <translation>エンジンでエラーが発生しました: %1</translation>
    </message>
    <message>
        <source>Cannot create %1; choose a writable folder.</source>
        <translation>%1 を作成できません。書き込み可能なフォルダを選択してください。</translation>
    </message>
    <message>
        <source>Cannot write %1; check the disk space and rights.</source>
        <translation>%1 に書き込めません。ディスク容量と権限を確認してください。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="vanished">%1 に書き込めません: %2。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation type="vanished">%1 を開けません: %2。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2 at offset %3); pick a conversation saved by the studio.</source>
        <translation type="vanished">%1 は有効な JSON ではありません（オフセット %3 で %2）。スタジオで保存した会話を選んでください。</translation>
    </message>
    <message>
        <source>%1 is not a studio conversation (no &quot;format&quot;: &quot;%2&quot;).</source>
        <translation type="vanished">%1 はスタジオの会話ではありません（&quot;format&quot;: &quot;%2&quot; がありません）。</translation>
    </message>
    <message>
        <source>%1 was saved by a newer studio; update to open it.</source>
        <translation type="vanished">%1 は新しいバージョンのスタジオで保存されています。開くにはアップデートしてください。</translation>
    </message>
    <message>
        <source>%1: node %2 is out of order; the file is damaged.</source>
        <translation type="vanished">%1: ノード %2 の順序が不正です。ファイルが破損しています。</translation>
    </message>
    <message>
        <source>%1 refers to an image outside its folder (%2).</source>
        <translation type="vanished">%1 がフォルダ外の画像を参照しています（%2）。</translation>
    </message>
    <message>
        <source>Cannot read the image %1; keep the %2 folder next to the conversation.</source>
        <translation>画像 %1 を読み込めません。%2 フォルダを会話ファイルの隣に置いてください。</translation>
    </message>
    <message>
        <source>%1: the branches do not form a tree; the file is damaged.</source>
        <translation>%1: 分岐が木構造になっていません。ファイルが破損しています。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>ネガティブプロンプト</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>サンプラー</translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation>CFG スケール</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>幅</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高さ</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Input image</source>
        <translation>入力画像</translation>
    </message>
</context>
<context>
    <name>tfs::studio::RunEvalDialog</name>
    <message>
        <source>Evaluate %1</source>
        <translation>%1 を評価</translation>
    </message>
    <message>
        <source>Caption accuracy on Fashion-MNIST test images, and text-to-image samples scored in the shipped classifier&apos;s feature space: a Fréchet distance that is &lt;b&gt;not COCO FID&lt;/b&gt;, and how often a sample is classified as the class it was asked for.</source>
        <translation>Fashion-MNIST テスト画像のキャプション精度と、同梱分類器の特徴空間で評価したテキスト→画像サンプル：&lt;b&gt;COCO FID ではない&lt;/b&gt;フレシェ距離と、サンプルが指定したクラスに分類される割合。</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>画像:</translation>
    </message>
    <message>
        <source>Test images captioned, and text-to-image samples generated</source>
        <translation>キャプションを付けるテスト画像と生成するテキスト→画像サンプルの数</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>評価(&amp;E)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %3 件中 %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止しました</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>キャプション</translation>
    </message>
    <message>
        <source>Caption names the class (chance 10 %)</source>
        <translation>キャプションがクラスを当てる（偶然 10 %）</translation>
    </message>
    <message>
        <source>Fréchet distance</source>
        <translation>フレシェ距離</translation>
    </message>
    <message>
        <source>no shipped classifier</source>
        <translation>同梱の分類器がありません</translation>
    </message>
    <message>
        <source>Text-to-image samples</source>
        <translation>テキスト→画像サンプル</translation>
    </message>
    <message>
        <source>Fréchet distance, classifier features (not COCO FID)</source>
        <translation>フレシェ距離、分類器の特徴（COCO FID ではない）</translation>
    </message>
    <message>
        <source>  its floor at this sample size</source>
        <translation>  このサンプル数での下限</translation>
    </message>
    <message>
        <source>Samples classified as the asked class</source>
        <translation>指定したクラスに分類されたサンプル</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>評価に失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>tfs::studio::TrainPage</name>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Checkpoint saved: %1</source>
        <translation>チェックポイントを保存しました: %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Model preset for a new run (its size and training defaults)</source>
        <translation>新しい実行のモデルプリセット（サイズと学習の既定値）</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>プリセット:</translation>
    </message>
    <message>
        <source>optional JSON config</source>
        <translation>任意: JSON 設定</translation>
    </message>
    <message>
        <source>A train config JSON, or a run config with &quot;model&quot; and &quot;train&quot;; overrides the preset</source>
        <translation>学習設定 JSON、または &quot;model&quot; と &quot;train&quot; を含む実行設定。プリセットより優先されます</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a config file</source>
        <translation>設定ファイルを選択</translation>
    </message>
    <message>
        <source>Config:</source>
        <translation>設定:</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Data sources of the run; double-click to edit a spec</source>
        <translation>実行のデータソース。ダブルクリックで編集</translation>
    </message>
    <message>
        <source>spec, e.g. fmnist:train</source>
        <translation>スペック（例: fmnist:train）</translation>
    </message>
    <message>
        <source>fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | wds:PATTERN | text:PATH | fortunes | wordnet</source>
        <translation>fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | wds:PATTERN | text:PATH | fortunes | wordnet</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add this data source</source>
        <translation>このデータソースを追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected data source</source>
        <translation>選択したデータソースを削除</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <source>Show the first records of each source as the model will see them</source>
        <translation>各ソースの先頭レコードをモデルが見る形で表示</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>The run folder: config.json, metrics.jsonl, checkpoints/, samples/</source>
        <translation>実行フォルダ: config.json, metrics.jsonl, checkpoints/, samples/</translation>
    </message>
    <message>
        <source>Choose the run folder</source>
        <translation>実行フォルダを選択</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>フォルダ:</translation>
    </message>
    <message>
        <source>preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>Optimiser steps; &quot;preset&quot; keeps the preset&apos;s count</source>
        <translation>最適化ステップ数。「プリセット」はプリセットの値</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>ステップ:</translation>
    </message>
    <message>
        <source>Write sample images every N steps (0 = none)</source>
        <translation>N ステップごとにサンプル画像を保存（0 = なし）</translation>
    </message>
    <message>
        <source>Samples every:</source>
        <translation>サンプル間隔:</translation>
    </message>
    <message>
        <source>Resume from the newest checkpoint</source>
        <translation>最新のチェックポイントから再開</translation>
    </message>
    <message>
        <source>Continue the run in this folder with its saved config</source>
        <translation>このフォルダの実行を保存済みの設定で続行</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Return)</source>
        <translation>学習を開始（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Pause or resume after the current step (Ctrl+Shift+P)</source>
        <translation>現在のステップの後で一時停止／再開（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Stop and save</source>
        <translation>停止して保存</translation>
    </message>
    <message>
        <source>Stop after the current step and save a checkpoint (Ctrl+Shift+S)</source>
        <translation>現在のステップの後で停止しチェックポイントを保存（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>実行を開く…</translation>
    </message>
    <message>
        <source>Follow an existing run folder live, e.g. one started with `transfusion train` (Ctrl+Shift+O)</source>
        <translation>既存の実行フォルダをライブで追跡（例: `transfusion train` で開始した実行）（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>実行一覧</translation>
    </message>
    <message>
        <source>Runs drawn in the plot; open more to compare them</source>
        <translation>グラフに描かれた実行。さらに開いて比較</translation>
    </message>
    <message>
        <source>Close run</source>
        <translation>実行を閉じる</translation>
    </message>
    <message>
        <source>Remove the selected run from the plot and stop following it</source>
        <translation>選択した実行をグラフから外し追跡を停止</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Sample images written by the run, newest first</source>
        <translation>実行が保存したサンプル画像（新しい順）</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>学習を開始</translation>
    </message>
    <message>
        <source>Pause / resume training</source>
        <translation>学習の一時停止／再開</translation>
    </message>
    <message>
        <source>Complete the data spec first, e.g. folder:/path/to/images</source>
        <translation>先にデータスペックを完成させてください（例: folder:/path/to/images）</translation>
    </message>
    <message>
        <source>Choose a run folder first.</source>
        <translation>先に実行フォルダを選択してください。</translation>
    </message>
    <message>
        <source>Add at least one data source (e.g. fmnist:train).</source>
        <translation>データソースを一つ以上追加してください（例: fmnist:train）。</translation>
    </message>
    <message>
        <source>%1 (training)</source>
        <translation>%1（学習中）</translation>
    </message>
    <message>
        <source>Preparing %1 (tokenizer, data, model)…</source>
        <translation>%1 を準備中（トークナイザ、データ、モデル）…</translation>
    </message>
    <message>
        <source>Training %1 from step %2</source>
        <translation>%1 をステップ %2 から学習中</translation>
    </message>
    <message>
        <source>Stopped at step %1</source>
        <translation>ステップ %1 で停止</translation>
    </message>
    <message>
        <source>Finished %1 steps</source>
        <translation>%1 ステップ完了</translation>
    </message>
    <message>
        <source>Checkpoint: %1</source>
        <translation>チェックポイント: %1</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>所要 %1</translation>
    </message>
    <message>
        <source>%1; checkpoint %2</source>
        <translation>%1。チェックポイント %2</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>残り %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>%1 · paused</source>
        <translation>%1 · 一時停止中</translation>
    </message>
    <message>
        <source>%1 · stopping and saving…</source>
        <translation>%1 · 停止して保存中…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>%1 · training</source>
        <translation>%1 · 学習中</translation>
    </message>
    <message>
        <source>Train config</source>
        <translation>学習設定</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Run folder</source>
        <translation>実行フォルダ</translation>
    </message>
    <message>
        <source>Open run folder</source>
        <translation>実行フォルダを開く</translation>
    </message>
    <message>
        <source>%1 is not a run folder (no metrics.jsonl or config.json).</source>
        <translation>%1 は実行フォルダではありません（metrics.jsonl も config.json もありません）。</translation>
    </message>
    <message>
        <source>%1 is already shown</source>
        <translation>%1 はすでに表示されています</translation>
    </message>
    <message>
        <source>Following %1</source>
        <translation>%1 を追跡中</translation>
    </message>
    <message>
        <source>%1 (following)</source>
        <translation>%1（追跡中）</translation>
    </message>
    <message>
        <source>%1 · step %2</source>
        <translation>%1 · ステップ %2</translation>
    </message>
    <message>
        <source>Add a data source to preview.</source>
        <translation>プレビューするデータソースを追加してください。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>（キャプションなし）</translation>
    </message>
    <message>
        <source>Evaluate run…</source>
        <translation>実行を評価…</translation>
    </message>
    <message>
        <source>Caption accuracy and a classifier-space Fréchet distance of the selected run&apos;s newest checkpoint (as `transfusion eval`)</source>
        <translation>選択した実行の最新チェックポイントのキャプション精度と分類器空間のフレシェ距離（`transfusion eval` と同じ）</translation>
    </message>
    <message>
        <source>Select a run in the list first</source>
        <translation>まず一覧から実行を選んでください</translation>
    </message>
    <message>
        <source>default (2000)</source>
        <translation>既定 (2000)</translation>
    </message>
    <message>
        <source>A latent-space model (e.g. shapes-small) whose run has no VAE trains one first, for this many steps</source>
        <translation>潜在空間モデル（例: shapes-small）の実行に VAE がなければ、まずこのステップ数だけ VAE を学習します</translation>
    </message>
    <message>
        <source>VAE steps:</source>
        <translation>VAE ステップ:</translation>
    </message>
    <message>
        <source>Training the VAE first: step %1</source>
        <translation>まず VAE を学習中: ステップ %1</translation>
    </message>
</context>
<context>
    <name>tfs::widgets::TrainingPlotPanel</name>
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
    <message>
        <source>Show all data and follow new points (or double-click the plot); click a legend entry to hide or show its run</source>
        <translation>全データを表示して新しい点を追う（またはグラフをダブルクリック）。凡例の項目をクリックするとその実行を隠す／表示する</translation>
    </message>
    <message>
        <source>VAE reconstruction (L1)</source>
        <translation>VAE 再構成 (L1)</translation>
    </message>
    <message>
        <source>VAE KL</source>
        <translation>VAE KL</translation>
    </message>
</context>
<context>
    <name>tfs::studio::WelcomePage</name>
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
    <message>
        <source>Start here</source>
        <translation>ここから始める</translation>
    </message>
    <message>
        <source>Draw an image</source>
        <translation>画像を描く</translation>
    </message>
    <message>
        <source>Type a caption (&quot;a photo of a sneaker&quot;) and watch the shipped demo model denoise it step by step.</source>
        <translation>キャプション（&quot;a photo of a sneaker&quot;）を入力し、同梱のデモモデルが一歩ずつノイズ除去する様子を見ます。</translation>
    </message>
    <message>
        <source>Talk to the model</source>
        <translation>モデルと会話する</translation>
    </message>
    <message>
        <source>An interleaved conversation: give it images to caption, ask it to draw.</source>
        <translation>テキストと画像が交互に並ぶ会話：画像にキャプションを付けさせたり、絵を描かせたりします。</translation>
    </message>
    <message>
        <source>Edit an image</source>
        <translation>画像を編集する</translation>
    </message>
    <message>
        <source>Image + instruction → image, with a model fine-tuned for editing.</source>
        <translation>画像 + 指示 → 画像（編集用に微調整したモデルで）。</translation>
    </message>
    <message>
        <source>Train a new model</source>
        <translation>新しいモデルを学習する</translation>
    </message>
    <message>
        <source>Pick a preset and data (Fashion-MNIST, shapes, your own folders) and watch the losses.</source>
        <translation>プリセットとデータ（Fashion-MNIST、図形、自分のフォルダー）を選び、損失の推移を見ます。</translation>
    </message>
    <message>
        <source>See the attention mask</source>
        <translation>アテンションマスクを見る</translation>
    </message>
    <message>
        <source>Causal over text, bidirectional inside each image: the Transfusion mask of any sequence.</source>
        <translation>テキストには因果的、各画像の内部では双方向：任意のシーケンスの Transfusion マスク。</translation>
    </message>
</context>
</TS>
